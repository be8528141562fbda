import { PassThrough, Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { prepareCategorizedLedgers } from '../../app/exports/categorizedLedgers.js';
import { prepareFhirExport, type PreparedFhirExport } from '../../app/exports/fhir/fhirExport.js';
import { prepareLedgerWorkbook, type PreparedWorkbook } from '../../app/exports/ledgerWorkbook.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { campaignIdParam, errorResponses, placeCode, unmaskedFlag } from '../schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The FHIR Bulk Data Access output format. */
const FHIR_NDJSON = 'application/fhir+ndjson';

/** RFC 5987 percent-encoding of a UTF-8 file name (encodeURIComponent leaves ' ( ) * alone). */
const rfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An attachment named in Chinese for clients that read `filename*`, in ASCII for the rest. */
const attachment = (name: string, ascii: string): string =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;

const workbookQuery = z.object({
  campaign: campaignIdParam,
  place: placeCode,
  unmasked: unmaskedFlag,
});

const fhirQuery = z.object({
  place: placeCode,
  campaign: campaignIdParam.optional().meta({ description: "Only this campaign's eligible residents" }),
});

const fileBody = (what: string) => z.any().meta({ description: what });

/**
 * The workbook streamed as it is written. Everything that can be refused (campaign, place,
 * scope) was checked by prepare*, before the 200; a failure after it can only cut the download
 * short, which the client sees as an incomplete file, and the log says why.
 */
function streamWorkbook(prepared: PreparedWorkbook, log: FastifyBaseLogger): PassThrough {
  const body = new PassThrough();
  prepared.write(body).catch((e: unknown) => {
    log.error(e);
    body.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return body;
}

function ndjson(resources: AsyncGenerator<object>): Readable {
  return Readable.from(
    (async function* lines() {
      for await (const r of resources) yield `${JSON.stringify(r)}\n`;
    })(),
  );
}

export const exportRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    const workbookRoute = (
      path: string,
      summary: string,
      description: string,
      prepare: typeof prepareLedgerWorkbook,
    ): void => {
      app.get(
        path,
        {
          config: { permission: 'exports.read' },
          schema: {
            tags: ['ledger'],
            summary,
            description,
            querystring: workbookQuery,
            response: { 200: fileBody(`The workbook (${XLSX})`), ...errorResponses(400, 404) },
          },
        },
        async (req, reply) => {
          // SECURITY (security issue): `unmasked=true` is to need a permission and leave an
          // audit entry once users sign in; prepare* marks where.
          const prepared = await prepare(store, {
            campaignId: req.query.campaign,
            place: req.query.place,
            unmasked: req.query.unmasked,
            scope: scopeOf(req),
          });
          return reply
            .header('content-type', XLSX)
            .header('content-disposition', attachment(prepared.fileName, prepared.asciiFileName))
            .send(streamWorkbook(prepared, req.log));
        },
      );
    };

    workbookRoute(
      '/exports/ledger',
      'The close-out ledger (销号台账) of a unit as a workbook',
      "A summary sheet, one sheet per village (per grid for a village: its residents in the campaign, with the ledger column 待销号 / 已销号 / 可销号) and the closures (销号记录); Chinese headers, a title row, a frozen header. Streamed as it is written. `Content-Disposition` names the file in Chinese (`filename*=UTF-8''…`, 湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx) and in ASCII (`ledger_430321205206_2021-08-09.xlsx`). ID and phone numbers are masked unless `unmasked=true`.",
      prepareLedgerWorkbook,
    );

    workbookRoute(
      '/exports/ledgers',
      'The categorized ledgers (分类台账) of a unit as a workbook',
      'One sheet each: 户籍人口, 流入人口 (registered outside the county), 外出人员 (away at the latest visit), 已接种, 未接种, 禁忌人员 (exempt for a permanent contraindication, or deferred). Named like the close-out ledger (…_分类台账_….xlsx, `ledgers_<place>_<date>.xlsx`). ID and phone numbers are masked unless `unmasked=true`.',
      prepareCategorizedLedgers,
    );

    const fhirRoute = (
      resource: 'Patient' | 'Immunization',
      tag: string,
      summary: string,
      lines: (p: PreparedFhirExport) => AsyncGenerator<object>,
    ): void => {
      app.get(
        `/exports/fhir/${resource}.ndjson`,
        {
          // SECURITY (security issue): full ID numbers leave the system here; a stronger right
          // than exports.read (pii.unmask, or one of its own) is that call.
          config: { permission: 'exports.read' },
          schema: {
            tags: [tag],
            summary,
            description: `FHIR R4 ${resource} resources of a unit, one per line (${FHIR_NDJSON}, as FHIR Bulk Data Access writes them), streamed. Full ID numbers: for the health authorities.`,
            querystring: fhirQuery,
            response: { 200: fileBody(`NDJSON, one ${resource} per line`), ...errorResponses(400, 404) },
          },
        },
        async (req, reply) => {
          // SECURITY (security issue): full ID numbers; to be restricted and audited.
          const prepared = await prepareFhirExport(store, {
            place: req.query.place,
            ...(req.query.campaign === undefined ? {} : { campaignId: req.query.campaign }),
            scope: scopeOf(req),
          });
          return reply
            .header('content-type', FHIR_NDJSON)
            .header('content-disposition', `attachment; filename="${resource}.ndjson"`)
            .send(ndjson(lines(prepared)));
        },
      );
    };

    fhirRoute('Patient', 'residents', 'The residents of a unit as FHIR R4 Patients (NDJSON)', (p) =>
      p.patients(),
    );
    fhirRoute(
      'Immunization',
      'records',
      'The doses of a unit’s residents as FHIR R4 Immunizations (NDJSON)',
      (p) => p.immunizations(),
    );
  };
