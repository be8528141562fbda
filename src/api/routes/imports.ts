import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../domain/calendar.js';
import { invalidInput, notFound } from '../../domain/errors.js';
import { importDoses } from '../../app/imports/importDoses.js';
import { importResidents } from '../../app/imports/importResidents.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { errorResponses } from '../schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Register files can be large (a county's whole register): 200 MiB per upload. */
export const UPLOAD_LIMIT = 200 * 1024 * 1024;

/**
 * Validation reports live in a directory of the process's temp dir under a random id, for an
 * hour: long enough to download after the upload, short enough that residents' data does not
 * linger. Older ones are swept at each upload and refused at download.
 */
const REPORT_DIR = join(tmpdir(), 'gridvax-reports');
const REPORT_TTL_MS = 60 * 60 * 1000;

/** How far into an upload the text check looks. */
const SNIFF_BYTES = 64 * 1024;

const rfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const attachment = (name: string, ascii: string): string =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;

const summaryBody = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  gridsCreated: z.number().int().optional(),
  householdsCreated: z.number().int().optional(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().optional(),
  sheetsSkipped: z.array(z.string()),
  dryRun: z.boolean(),
  report: z
    .string()
    .nullable()
    .meta({ description: 'Where to download the validation report (an hour), or null when there is none' }),
});

const uploadDescription = (what: string): string =>
  `multipart/form-data with one file field \`file\` (${what}: xlsx, or CSV in UTF-8 or GBK — recognized by content, not by name; anything else is refused with 400) and optional fields \`county\`, \`encoding\`, \`map\` (JSON, columns named by hand) and \`dryRun\` ('true': check and report, write nothing). Up to 200 MiB. Answers the import summary; \`report\` links the validation report (xlsx), kept for an hour.`;

/** The upload's fields as the import takes them. */
interface Upload {
  path: string;
  county?: string;
  encoding?: string;
  map?: string;
  dryRun: boolean;
}

const badUpload = (zh: string, en: string) =>
  invalidInput({ code: 'import.file', field: 'file', message: { zh, en } });

/** Whether the first bytes are an xlsx (a zip) or text a CSV could be (no control bytes but whitespace). */
async function looksLikeSpreadsheet(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return true;
    if (head.length === 0) return false;
    // Text: tab, line ends, form feed and DOS's end-of-file mark are the only control bytes allowed.
    return !head.some((b) => (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) && b !== 0x1b);
  } finally {
    await handle.close();
  }
}

/** Reads the multipart upload: the file into a temp file of our own naming, the fields as text. */
async function receive(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart())
    throw badUpload('请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data');
  const fields: Record<string, string> = {};
  let path: string | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || path !== undefined) {
          part.file.resume();
          throw badUpload('只能上传一个文件，字段名为 file', 'upload one file, in the field `file`');
        }
        // Never the client's file name: a random one in the temp dir.
        path = join(tmpdir(), `gridvax-upload-${randomUUID()}`);
        await pipeline(part.file, createWriteStream(path));
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (path === undefined) throw badUpload('缺少文件（字段 file）', 'no file (field `file`)');
    if (!(await looksLikeSpreadsheet(path)))
      throw badUpload(
        '无法识别的文件：请上传 xlsx 或 CSV（UTF-8 或 GBK）',
        'not a spreadsheet: upload an xlsx or a CSV file (UTF-8 or GBK)',
      );
  } catch (e) {
    if (path !== undefined) await rm(path, { force: true });
    throw e;
  }
  return {
    path,
    ...(fields.county ? { county: fields.county } : {}),
    ...(fields.encoding ? { encoding: fields.encoding } : {}),
    ...(fields.map ? { map: fields.map } : {}),
    dryRun: fields.dryRun === 'true',
  };
}

/** Removes reports past their hour; a failure here must not fail an upload. */
async function sweepReports(now: number): Promise<void> {
  const names = await readdir(REPORT_DIR).catch(() => [] as string[]);
  for (const name of names) {
    const p = join(REPORT_DIR, name);
    const s = await stat(p).catch(() => undefined);
    if (s && now - s.mtimeMs > REPORT_TTL_MS) await rm(p, { force: true }).catch(() => undefined);
  }
}

const reportId = z.uuid().meta({ description: 'The id of a validation report, from an import summary' });

export const importRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    await base.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
    const app = base.withTypeProvider<ZodTypeProvider>();

    const uploadRoute = (
      path: string,
      summary: string,
      what: string,
      run: (upload: Upload, reportPath: string, req: FastifyRequest) => Promise<z.infer<typeof summaryBody>>,
    ): void => {
      app.post(
        path,
        {
          config: { permission: 'imports.write' },
          schema: {
            tags: ['imports'],
            summary,
            description: uploadDescription(what),
            consumes: ['multipart/form-data'],
            response: { 200: summaryBody, ...errorResponses(400, 404, 409, 413, 422) },
          },
        },
        async (req) => {
          await sweepReports(Date.now());
          const upload = await receive(req);
          await mkdir(REPORT_DIR, { recursive: true });
          const id = randomUUID();
          try {
            const result = await run(upload, join(REPORT_DIR, `${id}.xlsx`), req);
            return { ...result, report: result.report === null ? null : `/api/v1/imports/reports/${id}` };
          } finally {
            await rm(upload.path, { force: true });
          }
        },
      );
    };

    uploadRoute(
      '/imports/residents',
      'Import a resident register (upload)',
      'the register',
      (u, report, req) =>
        importResidents(store, {
          file: u.path,
          ...(u.county ? { county: u.county } : {}),
          ...(u.encoding ? { encoding: u.encoding } : {}),
          ...(u.map ? { map: u.map } : {}),
          dryRun: u.dryRun,
          report: { path: report },
          scope: scopeOf(req),
        }),
    );

    uploadRoute(
      '/imports/doses',
      'Import a vaccination ledger (upload)',
      'the dose ledger',
      (u, report, req) =>
        importDoses(store, {
          file: u.path,
          ...(u.county ? { county: u.county } : {}),
          ...(u.encoding ? { encoding: u.encoding } : {}),
          ...(u.map ? { map: u.map } : {}),
          dryRun: u.dryRun,
          report: { path: report },
          scope: scopeOf(req),
        }),
    );

    app.get(
      '/imports/reports/:id',
      {
        config: { permission: 'imports.write' },
        schema: {
          tags: ['imports'],
          summary: 'Download the validation report of an import (xlsx)',
          description:
            "The rows an import refused or reported, with 行号 and 问题; kept for an hour after the upload. Named 校验报告_<date>.xlsx (`filename*=UTF-8''…`), `validation_report_<date>.xlsx` in ASCII.",
          params: z.object({ id: reportId }),
          response: {
            200: z.any().meta({ description: `The workbook (${XLSX})` }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req, reply) => {
        const path = join(REPORT_DIR, `${req.params.id}.xlsx`);
        const s = await stat(path).catch(() => undefined);
        if (!s || Date.now() - s.mtimeMs > REPORT_TTL_MS)
          throw notFound({
            code: 'import.report-not-found',
            field: 'id',
            message: { zh: '校验报告不存在或已过期', en: 'no such validation report (or it has expired)' },
          });
        const date = shanghaiDate(store.now());
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            attachment(`校验报告_${date}.xlsx`, `validation_report_${date}.xlsx`),
          )
          .send(createReadStream(path));
      },
    );
  };
