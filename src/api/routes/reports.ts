import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dailyReport, takeDailySnapshot } from '../../app/reports/takeSnapshot.js';
import {
  REPORT_FORMATS,
  renderDailyReport,
  reportAsciiFileName,
  reportFileName,
  type ReportFormat,
} from '../../reports/render.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { auditRequest } from '../auth/auditRequest.js';
import { bilingual, calendarDate, campaignIdParam, errorResponses, placeCode } from '../schemas.js';

const status = z.enum(['done', 'on-track', 'at-risk', 'behind', 'no-task']);

const unitFigures = z.object({
  code: z.string(),
  name: z.string().meta({ description: 'Official name (锦石村委会)' }),
  shortName: z.string().meta({ description: 'What officials write (锦石村)' }),
  level: z.enum(['county', 'township', 'village']),
  task: z.number().int().nullable(),
  done: z.number().int().meta({ description: 'Cumulative residents who met the target by the day' }),
  increment: z.number().int().meta({ description: 'Of those, on the day' }),
  completion: z.number().nullable().meta({ description: 'done ÷ task (0.912 for 91.2%); not clamped' }),
  rank: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Among its siblings by completion; ties share a rank' }),
  eligible: z.number().int(),
  open: z.number().int(),
  unscreened: z.number().int(),
  doubleCleared: z.boolean().meta({ description: '双清零 (a unit with nobody eligible is not counted)' }),
  doubleClearedChildren: z.number().int(),
  childUnits: z.number().int(),
  sixtyPlus: z.object({
    eligible: z.number().int(),
    done: z.number().int(),
    coverage: z.number().nullable(),
  }),
  neededDailyRate: z.number().nullable(),
  recentDailyRate: z.number(),
  projectedFinish: calendarDate.nullable(),
  status,
  answerable: z.string().nullable().meta({ description: '包保责任人, once field operations record one' }),
});

/** County → townships → villages, spelled out (a recursive schema would be a dangling $ref). */
const reportUnit = unitFigures.extend({
  children: z.array(unitFigures.extend({ children: z.array(unitFigures).optional() })).optional(),
});

const place = z.object({ code: z.string(), name: z.string(), n: z.number().int() });

export const dailyReportSchema = z.object({
  campaign: z.object({
    id: z.number().int(),
    name: z.string(),
    target: z.string(),
    start: calendarDate,
    deadline: calendarDate,
  }),
  date: calendarDate,
  cutoff: z.string().meta({ description: 'The cut-off instant (ISO UTC)' }),
  generatedAt: z.string(),
  frozen: z
    .boolean()
    .meta({ description: 'Read from the stored snapshot of the day; false when computed now' }),
  hasData: z.boolean().meta({ description: 'False when nothing was recorded by the cut-off' }),
  basis: z.object({ kind: z.enum(['live', 'reconstructed']), note: bilingual }).optional(),
  unit: reportUnit,
  fellBehind: z.array(z.object({ code: z.string(), name: z.string(), from: status, to: status })),
  corrections: z.array(
    z.object({
      date: calendarDate,
      code: z.string(),
      name: z.string(),
      doneThen: z.number().int(),
      doneNow: z.number().int(),
    }),
  ),
  trend: z.array(z.object({ date: calendarDate, done: z.number().int(), increment: z.number().int() })),
  analysis: z.object({
    openByReason: z.array(z.object({ reason: z.string(), label: bilingual, n: z.number().int() })),
    openByAgeBand: z.array(z.object({ band: z.string(), n: z.number().int() })),
    refusalHotspots: z.array(place),
    awayHotspots: z.array(place),
  }),
  dispatch: z
    .object({
      orders: z.number().int(),
      targets: z
        .number()
        .int()
        .meta({ description: 'Units that owe an answer (an order to three townships is three)' }),
      acknowledged: z.number().int(),
      completed: z.number().int().meta({ description: 'Completed by the deadline' }),
      completedLate: z.number().int(),
      overdue: z.number().int(),
      overdueOrders: z.array(
        z.object({
          orderId: z.number().int(),
          title: z.string(),
          issuedAt: z.string(),
          deadline: z.string(),
          code: z.string(),
          name: z.string(),
          acknowledged: z.boolean(),
          minutesLate: z.number().int().meta({ description: 'From the deadline to the cut-off' }),
        }),
      ),
    })
    .optional()
    .meta({
      description:
        'Dispatch orders (调度令) of the campaign (or of none) issued by the cut-off to units in the unit, as they stood at the cut-off; absent from reports frozen before field operations',
    }),
});

const snapshotAnswer = z.object({
  result: z.enum(['stored', 'existing', 'retaken']),
  takenAt: z.string(),
  replacedTakenAt: z.string().optional(),
  report: dailyReportSchema,
});

/** RFC 5987 percent-encoding of a UTF-8 file name (encodeURIComponent leaves ' ( ) * alone). */
const rfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition with the Chinese file name (湘潭县按日调度_2021-08-09.xlsx) for clients that
 * read `filename*`, and an ASCII one for those that do not.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string, ascii: string): string {
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

const DOWNLOADS: readonly ReportFormat[] = ['xlsx', 'pdf'];

export const reportRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/reports/daily',
      {
        config: { permission: 'reports.read' },
        schema: {
          tags: ['reports'],
          summary: 'The daily dispatch report (按日调度) of a unit on a day',
          description:
            "The stored snapshot of the day when it was frozen (`frozen: true`), else computed from the records. `format`: `json` (this shape, the default), `text` (the WeChat paragraphs), `svg` (ranking, trend and battle map), `pdf` (A4 landscape), `xlsx`. The answer names a file: `Content-Disposition` with `filename*=UTF-8''…` (湘潭县按日调度_2021-08-09.xlsx) and an ASCII `filename`. A day before the campaign or after today is 400 `report.date`.",
          querystring: z.object({
            campaign: campaignIdParam,
            date: calendarDate,
            place: placeCode
              .optional()
              .meta({ description: "County, township or village; the campaign's unit when absent" }),
            format: z.enum(REPORT_FORMATS).default('json'),
          }),
          response: { 200: dailyReportSchema, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const { campaign, date, format } = req.query;
        const report = await dailyReport(store, {
          campaignId: campaign,
          date,
          ...(req.query.place === undefined ? {} : { place: req.query.place }),
          scope: scopeOf(req),
        });
        const rendered = await renderDailyReport(report, format);
        const kind = DOWNLOADS.includes(format) ? 'attachment' : 'inline';
        // Sent as bytes, which Fastify passes through unserialized (a string under a JSON content
        // type would be serialized a second time); the 200 schema documents the JSON format's shape.
        const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
        return reply
          .header('content-type', rendered.contentType)
          .header(
            'content-disposition',
            contentDisposition(kind, reportFileName(report, format), reportAsciiFileName(report, format)),
          )
          .send(body as unknown as z.infer<typeof dailyReportSchema>);
      },
    );

    app.post(
      '/reports/daily/snapshots',
      {
        config: { permission: 'reports.write' },
        schema: {
          tags: ['reports'],
          summary: 'Freeze the daily report of a day at its cut-off',
          description:
            'Stores the report of the day as it stands at the cut-off (default 18:00 Asia/Shanghai): 201 `stored`. A day already frozen is kept: 200 `existing` with the stored report. `retake: true` replaces it: 201 `retaken`, naming when the replaced one was taken. Today before its cut-off is 422 `report.before-cutoff`.',
          body: z.object({
            campaign: z.number().int().positive(),
            place: placeCode.optional(),
            date: calendarDate.optional().meta({ description: 'Today when absent' }),
            cutoff: z
              .string()
              .optional()
              .meta({ description: 'HH:MM, Asia/Shanghai; 18:00 when absent', examples: ['18:00'] }),
            retake: z.boolean().optional(),
          }),
          response: { 201: snapshotAnswer, 200: snapshotAnswer, ...errorResponses(400, 404, 422) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const s = await takeDailySnapshot(store, {
          campaignId: b.campaign,
          ...(b.place === undefined ? {} : { place: b.place }),
          ...(b.date === undefined ? {} : { date: b.date }),
          ...(b.cutoff === undefined ? {} : { cutoffTime: b.cutoff }),
          force: b.retake === true,
          scope: scopeOf(req),
        });
        if (s.result !== 'existing') {
          await auditRequest(store, req, {
            action: 'snapshot.take',
            entity: 'daily-snapshot',
            entityId: `${b.campaign}/${s.report.unit.code}/${s.report.date}`,
            detail: {
              result: s.result,
              ...(s.replacedTakenAt ? { before: { takenAt: s.replacedTakenAt } } : {}),
              after: { takenAt: s.takenAt },
            },
          });
        }
        return reply.status(s.result === 'existing' ? 200 : 201).send(s);
      },
    );
  };
