/**
 * Importing a vaccination ledger (gridvax import doses FILE): the doses other systems recorded
 * (接种台账), wide (a date column per dose) or long (剂次 + 接种日期 per row), becoming dose records
 * with source "imported". Reads files the way the register import does (tableReader, headers,
 * validation report); what differs is the check of each dose:
 *
 * - The resident must be registered in the county (by ID number, within the caller's scope).
 * - A resident's doses, stored and from the file, are checked in dose-number order against the
 *   dose windows (checkProposedDose). Too early, out of order or a mixed primary series is
 *   rejected; a late dose is stored (the 2021 rules allow it: 补种) and still reported, so no
 *   out-of-window dose passes silently.
 * - A dose already recorded (same dose number, date and product) is unchanged, so re-importing
 *   changes nothing; the same dose number with another date or product is a conflict, reported.
 *
 * Counting: `rows` are the data rows read; `imported`, `unchanged`, `duplicates` (the same dose
 * twice in the file) and `rejected` count doses, except that a row refused as a whole (no or bad
 * ID number, resident not registered, no product) counts once in `rejected`. `updated` is always
 * 0: an import never rewrites a stored dose.
 *
 * All or nothing: every dose, its change_log row and the campaign statuses it changes are written
 * in one bulk load. A dry run reads and checks the same and writes nothing but the report.
 */
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { normalizeIdNumber } from '../../domain/idcard.js';
import { matchProduct, type ProductCode } from '../../domain/vaccines/catalog.js';
import { checkProposedDose, nextDose, type DoseRecord } from '../../domain/vaccines/doseWindows.js';
import { residentsWithIdNumbers, type RegisteredResident } from '../../store/importQueries.js';
import { resolveCounty } from './importResidents.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { applyResidentChanges } from '../engine/applyResidentChanges.js';
import { inScope, type Scope } from '../records/findResident.js';
import {
  DOSE_DATE_FIELDS,
  doseHeaderNotFound,
  findDoseHeader,
  parseDoseColumnMap,
  type DoseColumnMap,
  type DoseField,
} from './doseHeaders.js';
import { HEADER_SEARCH_ROWS } from './headers.js';
import type { ImportSummary } from './importResidents.js';
import { type Problem, problem } from './problems.js';
import { parseBirthDate } from './rowCheck.js';
import { openTable, type TableRow } from './tableReader.js';
import { rowKey, writeValidationReport, type ReportLine, type ReportSheet } from './validationReport.js';

export interface ImportDosesInput {
  file: string;
  county?: string;
  encoding?: string;
  map?: string | DoseColumnMap;
  dryRun?: boolean;
  report?: { path: string; always?: boolean };
  scope?: Scope;
}

export type DoseImportSummary = Omit<ImportSummary, 'gridsCreated' | 'householdsCreated'>;

const DOSE_COLUMNS = [
  'county_code',
  'id',
  'resident_id',
  'product',
  'lot',
  'dose_number',
  'at',
  'site',
  'vaccinator',
  'source',
  'override_reason',
  'recorded_by',
  'device_id',
  'received_at',
] as const;

const LOG_COLUMNS = ['county_code', 'grid_code', 'entity', 'entity_id', 'resident_id', 'at'] as const;

/** ID numbers looked up per query. */
const CHUNK = 500;

/** One dose a ledger row says was given. */
interface LedgerDose {
  sheet: number;
  n: number;
  doseNumber: number;
  date: CalendarDate;
  product: ProductCode;
  lot: string | null;
  site: string | null;
}

interface StoredDose extends DoseRecord {
  at: string;
}

interface Target {
  db: Kysely<Database>;
  insert(
    table: keyof Database,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  dry: boolean;
}

export async function importDoses(store: Store, input: ImportDosesInput): Promise<DoseImportSummary> {
  const county = (await resolveCounty(store, input.county, input.scope)).code;
  const map = typeof input.map === 'string' ? parseDoseColumnMap(input.map) : input.map;
  const table = await openTable(input.file, input.encoding === undefined ? {} : { encoding: input.encoding });
  const now = store.now();
  const run = new DoseImportRun(input, county, map, now, table);
  await run.read();
  if (input.dryRun) {
    await run.execute({ db: store.db, insert: () => Promise.resolve(), dry: true });
  } else {
    await store.bulk.load((sink) =>
      run.execute({ db: sink.db, insert: (t, c, r) => sink.insert(t, c, r), dry: false }),
    );
  }
  await run.writeReport();
  return run.summary;
}

/** A ledger date: 2021-08-01, 2021/8/1, 2021年8月1日, an Excel date cell or serial; a whole day only. */
export function parseLedgerDate(text: string): CalendarDate | undefined {
  const d = parseBirthDate(text);
  return d !== undefined && d.length === 10 ? d : undefined;
}

/** Midnight of the day in Asia/Shanghai, the instant a dated-only ledger dose is stored at. */
const dayStart = (date: CalendarDate): string => new Date(`${date}T00:00:00+08:00`).toISOString();

const DOSE_NUMBER_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 加强: 3 };

function parseDoseNumber(text: string): number | undefined {
  const t = text.normalize('NFKC').replace(/[\s第剂次针]/gu, '');
  if (/^\d$/.test(t)) return Number(t);
  return DOSE_NUMBER_WORDS[t];
}

class DoseImportRun {
  readonly summary: DoseImportSummary;
  private readonly lines: ReportLine[] = [];
  private readonly sheets: ReportSheet[] = [];
  private readonly kept = new Map<number, string[]>();
  /** ID number → the doses the file gives. */
  private readonly doses = new Map<string, LedgerDose[]>();
  private readonly today: CalendarDate;

  constructor(
    private readonly input: ImportDosesInput,
    private readonly county: string,
    private readonly map: DoseColumnMap | undefined,
    private readonly now: Date,
    private readonly table: Awaited<ReturnType<typeof openTable>>,
  ) {
    this.today = shanghaiDate(now);
    this.summary = {
      rows: 0,
      imported: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      duplicates: 0,
      report: null,
      format: table.format,
      ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
      sheetsSkipped: [],
      dryRun: input.dryRun === true,
    };
  }

  private report(sheet: number, row: { n: number; cells: string[] }, p: Problem): void {
    this.lines.push({ sheet, n: row.n, problem: p });
    this.kept.set(rowKey(sheet, row.n), row.cells);
  }

  /** Reads every sheet with a ledger header into `doses` (a ledger is small next to a register). */
  async read(): Promise<void> {
    let index = 0;
    let found: string[] = [];
    for await (const sheet of this.table.sheets) {
      const sheetIndex = index++;
      const rows: TableRow[] = [];
      for await (const batch of sheet.rows) rows.push(...batch);
      const header = findDoseHeader(
        rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells),
        this.map,
      );
      if (!header.ok) {
        this.summary.sheetsSkipped.push(sheet.name);
        if (found.length === 0) found = header.found;
        continue;
      }
      this.sheets.push({ index: sheetIndex, name: sheet.name, header: header.cells });
      for (const row of rows.slice(header.index + 1)) this.take(sheetIndex, row, header.columns);
    }
    if (this.sheets.length === 0) throw doseHeaderNotFound(basename(this.input.file), found);
  }

  private take(sheet: number, row: TableRow, columns: ReadonlyMap<DoseField, number>): void {
    const cell = (f: DoseField): string => {
      const i = columns.get(f);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    if ([...columns.values()].every((i) => (row.cells[i] ?? '').trim() === '')) return;
    const idText = cell('idNumber');
    // The header again (a ledger printed page by page).
    if (idText !== '' && !/^[0-9０-９]/u.test(idText)) return;
    this.summary.rows++;
    const reject = (p: Problem) => {
      this.summary.rejected++;
      this.report(sheet, row, p);
    };
    const idNumber = normalizeIdNumber(idText.normalize('NFKC').toUpperCase());
    if (!/^\d{17}[\dX]$/.test(idNumber)) {
      return reject(problem('id.invalid', `身份证号无效：${idText}`, `not a valid ID number: ${idText}`));
    }
    const productText = cell('product');
    const product = matchProduct(productText);
    if (!product) {
      return reject(
        productText === ''
          ? problem('dose.product-empty', '疫苗名称/生产企业为空', 'the vaccine product is empty')
          : problem(
              'dose.product',
              `无法识别的疫苗：${productText}`,
              `unknown vaccine product: ${productText}`,
            ),
      );
    }
    const wanted: { doseNumber: number; text: string }[] = [];
    for (const [f, k] of DOSE_DATE_FIELDS) if (cell(f) !== '') wanted.push({ doseNumber: k, text: cell(f) });
    if (cell('date') !== '' || cell('doseNumber') !== '') {
      const k = parseDoseNumber(cell('doseNumber'));
      if (k === undefined) {
        return reject(
          problem(
            'dose.number',
            `剂次无效：${cell('doseNumber')}`,
            `not a dose number: ${cell('doseNumber')}`,
          ),
        );
      }
      wanted.push({ doseNumber: k, text: cell('date') });
    }
    if (wanted.length === 0) return reject(problem('dose.none', '没有接种日期', 'no vaccination date'));
    const list = this.doses.get(idNumber) ?? [];
    for (const w of wanted) {
      const date = parseLedgerDate(w.text);
      if (date === undefined) {
        reject(
          problem(
            'dose.date',
            `第${w.doseNumber}剂接种日期无效：${w.text}`,
            `dose ${w.doseNumber}: not a date: ${w.text}`,
          ),
        );
      } else if (date > this.today) {
        reject(
          problem(
            'dose.in-future',
            `第${w.doseNumber}剂接种日期${date}晚于今天`,
            `dose ${w.doseNumber} is dated ${date}, after today`,
          ),
        );
      } else {
        list.push({
          sheet,
          n: row.n,
          doseNumber: w.doseNumber,
          date,
          product: product.code,
          lot: cell('lot') || null,
          site: cell('site') || null,
        });
        this.kept.set(rowKey(sheet, row.n), row.cells);
      }
    }
    this.doses.set(idNumber, list);
  }

  /** Checks every dose against the stored history and writes the good ones through `target`. */
  async execute(target: Target): Promise<void> {
    const at = this.now.toISOString();
    const ids = [...this.doses.keys()];
    const touched: number[] = [];
    const doseRows: unknown[][] = [];
    const logRows: unknown[][] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const residents = new Map<string, RegisteredResident>();
      for (const r of await residentsWithIdNumbers(target.db, [this.county], part)) {
        if (inScope(this.input.scope, r.grid_code)) residents.set(r.id_number, r);
      }
      const history = new Map<number, StoredDose[]>();
      const residentIds = [...residents.values()].map((r) => r.id);
      if (residentIds.length > 0) {
        const stored = await target.db
          .selectFrom('dose_records')
          .select(['resident_id', 'product', 'dose_number', 'at'])
          .where('county_code', '=', this.county)
          .where('resident_id', 'in', residentIds)
          .execute();
        for (const d of stored) {
          const list = history.get(Number(d.resident_id)) ?? [];
          list.push({
            product: d.product as ProductCode,
            doseNumber: Number(d.dose_number),
            date: shanghaiDate(d.at),
            at: d.at,
          });
          history.set(Number(d.resident_id), list);
        }
      }
      for (const idNumber of part) {
        const given = this.doses.get(idNumber) ?? [];
        const resident = residents.get(idNumber);
        if (!resident) {
          const rows = new Set(given.map((d) => rowKey(d.sheet, d.n)));
          this.summary.rejected += rows.size;
          for (const d of given.filter(
            (g, j) => given.findIndex((h) => h.sheet === g.sheet && h.n === g.n) === j,
          )) {
            this.lines.push({
              sheet: d.sheet,
              n: d.n,
              problem: problem(
                'resident.unknown',
                '该身份证号的居民未登记，本行未导入',
                'resident not registered',
              ),
            });
          }
          continue;
        }
        const stored = history.get(resident.id) ?? [];
        const added = this.checkResident(stored, given);
        if (added.length === 0) continue;
        touched.push(resident.id);
        for (const d of added) {
          const id = randomUUID();
          doseRows.push([
            this.county,
            id,
            resident.id,
            d.product,
            d.lot,
            d.doseNumber,
            dayStart(d.date),
            d.site,
            null,
            'imported',
            null,
            null,
            null,
            at,
          ]);
          logRows.push([this.county, resident.grid_code, 'dose', id, resident.id, at]);
        }
      }
    }
    this.summary.imported = doseRows.length;
    if (target.dry) return;
    await target.insert('dose_records', DOSE_COLUMNS, doseRows);
    await target.insert('change_log', LOG_COLUMNS, logRows);
    await applyResidentChanges(target.db, this.county, touched, this.today, at, 'dose-recorded');
  }

  /** One resident's doses from the file, in dose order against the history: those to store. */
  private checkResident(stored: StoredDose[], given: LedgerDose[]): LedgerDose[] {
    const history: DoseRecord[] = [...stored];
    const added: LedgerDose[] = [];
    const line = (d: LedgerDose, p: Problem) => this.lines.push({ sheet: d.sheet, n: d.n, problem: p });
    const sorted = [...given].sort((a, b) => a.doseNumber - b.doseNumber || a.date.localeCompare(b.date));
    for (const d of sorted) {
      const k = d.doseNumber;
      const same = history.find((h) => h.doseNumber === k);
      if (same) {
        const identical = same.date === d.date && same.product === d.product;
        const fromFile = added.some((a) => a.doseNumber === k);
        if (identical) {
          if (fromFile) this.summary.duplicates++;
          else this.summary.unchanged++;
          if (fromFile) {
            line(
              d,
              problem(
                'dose.duplicate-file',
                `第${k}剂在文件中重复，未重复导入`,
                `dose ${k} appears twice in the file`,
              ),
            );
          }
          continue;
        }
        this.summary.rejected++;
        line(
          d,
          problem(
            'dose.conflict',
            `第${k}剂已记录为${same.date}（${same.product}），与本行${d.date}（${d.product}）不符，未导入`,
            `dose ${k} is recorded as ${same.date} (${same.product}); this row says ${d.date} (${d.product}): not imported`,
          ),
        );
        continue;
      }
      const proposed = { product: d.product, doseNumber: k, date: d.date };
      const check = checkProposedDose(history, proposed);
      if (!check.ok) {
        this.summary.rejected++;
        line(
          d,
          problem(
            check.error.code,
            `${check.error.message.zh}，未导入`,
            `${check.error.message.en}; not imported`,
          ),
        );
        continue;
      }
      const due = nextDose(history, d.date);
      if (due && due.doseNumber === k && due.ideallyBy !== null && d.date > due.ideallyBy) {
        line(
          d,
          problem(
            'dose.late',
            `第${k}剂于${d.date}接种，晚于建议的${due.ideallyBy}（补种，已导入）`,
            `dose ${k} given on ${d.date}, after the recommended ${due.ideallyBy} (a late dose; imported)`,
          ),
        );
      }
      history.push(proposed);
      added.push(d);
    }
    return added;
  }

  async writeReport(): Promise<void> {
    const report = this.input.report;
    if (!report || (this.lines.length === 0 && !report.always)) return;
    const s = this.summary;
    const kept = new Map<number, string[]>();
    for (const l of this.lines) {
      const cells = this.kept.get(rowKey(l.sheet, l.n));
      if (cells) kept.set(rowKey(l.sheet, l.n), cells);
    }
    await writeValidationReport({
      path: report.path,
      file: this.input.file,
      table: this.table.encoding === undefined ? {} : { encoding: this.table.encoding },
      sheets: this.sheets,
      lines: [...this.lines].sort((a, b) => a.sheet - b.sheet || a.n - b.n),
      summary: [
        ['文件 File', basename(this.input.file)],
        ['县 County', this.county],
        ['数据行 Rows', s.rows],
        ['新增剂次 Doses imported', s.imported],
        ['已有未变 Unchanged', s.unchanged],
        ['有问题未导入 Rejected', s.rejected],
        ['重复未导入 Duplicates', s.duplicates],
        ['试运行（未写入）Dry run', s.dryRun ? '是 yes' : '否 no'],
      ],
      kept,
    });
    this.summary.report = report.path;
  }
}
