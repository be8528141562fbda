/**
 * Importing a resident register (gridvax import residents FILE): a county's spreadsheet of
 * who lives where, in whatever shape it arrived (xlsx or CSV, UTF-8 or GBK, a title above the
 * header, the columns in any order). Every row is checked; the good ones are stored, the bad
 * ones listed in a validation report with the reason; nothing is silent.
 *
 * - All or nothing: the whole file is read and written inside one bulk load, so a failure or
 *   a kill half-way leaves the database as it was. Campaign statuses of the residents it adds
 *   or moves are re-derived inside the same transaction: resident by resident, or past a few
 *   thousand such residents by recounting the campaigns whole, still inside it
 *   (test/faults/killImport.test.ts kills an import in each part).
 * - Idempotent: a resident already registered in the county (by ID number) is compared with the
 *   row (name, phone, sex, birth date, grid, household, address) and updated only if something
 *   differs, so re-importing a file changes nothing. A blank cell never erases what is stored.
 * - The same person twice: a later row with an ID number already seen in the file is not
 *   imported, and both rows are reported. Someone registered in another village or county
 *   (人户分离) keeps their record and the row is reported with both places; moving between
 *   grids of the same village is an update.
 * - `dryRun` reads and checks everything, writes no row (not even a new grid) and answers
 *   the same summary; the validation report is still written, which is what a dry run is for.
 */
import type { Kysely } from 'kysely';
import { basename } from 'node:path';
import { shanghaiDate } from '../../domain/calendar.js';
import { invalidInput, notFound, businessRule } from '../../domain/errors.js';
import { campaignsCovering } from '../../store/campaignQueries.js';
import {
  countyCodes,
  maxResidentId,
  placeNamesByCode,
  placesOfCounty,
  residentsWithIdNumbers,
  type RegisteredResident,
} from '../../store/importQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { applyResidentChanges } from '../engine/applyResidentChanges.js';
import { recountInLoad } from '../engine/recount.js';
import { inScope, type Scope } from '../records/findResident.js';
import {
  type ColumnMap,
  type Field,
  findHeader,
  HEADER_SEARCH_ROWS,
  headerNotFound,
  type HeaderMissing,
  normalizeHeader,
  parseColumnMap,
} from './headers.js';
import { HOUSEHOLD_COLUMNS, HouseholdPlanner } from './households.js';
import { PlaceMatcher, type PlaceRecord } from './placeMatch.js';
import { type Problem, problem } from './problems.js';
import { checkRow, isBlankRow, type CheckedRow } from './rowCheck.js';
import { NumberMap } from './numberMap.js';
import { openTable, type TableRow } from './tableReader.js';
import { ownString } from './ownString.js';
import { rowKey, writeValidationReport, type ReportLine, type ReportSheet } from './validationReport.js';

export interface ImportResidentsInput {
  file: string;
  /** The county the register belongs to; may be left out when the database holds one county. */
  county?: string;
  /** `--encoding`: overrides detection (CSV). */
  encoding?: string;
  /** `--map`: JSON text, or already parsed. */
  map?: string | ColumnMap;
  dryRun?: boolean;
  /** Where the validation report goes; written when there are problems, or always if `always`. */
  report?: { path: string; always?: boolean };
  scope?: Scope;
  /**
   * Past this many residents added or moved, campaigns are recounted whole at the end of the
   * load instead of resident by resident (default 5,000).
   */
  recountAbove?: number;
}

export interface ImportSummary {
  /** Data rows read (title, header and empty rows not counted). */
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows with a problem (bad ID number, unknown place …): not stored. */
  rejected: number;
  /** Rows not stored because the person is already there (earlier in the file, or registered elsewhere). */
  duplicates: number;
  /** The validation report written, or null. */
  report: string | null;
  gridsCreated: number;
  householdsCreated: number;
  format: 'csv' | 'xlsx';
  encoding?: string;
  /** Sheets skipped for want of a recognizable header (xlsx with several sheets). */
  sheetsSkipped: string[];
  dryRun: boolean;
}

/** Rows checked against the database and written together. */
const CHUNK = 1000;
/** Bad rows whose cells are kept for the report; past this, the report reads the file again. */
const KEEP_ROWS = 20_000;
/** Past this many residents added or moved, the campaigns are recounted whole. */
const RECOUNT_ABOVE = 5000;

export const RESIDENT_COLUMNS = [
  'county_code',
  'id',
  'id_number',
  'name',
  'sex',
  'birth_date',
  'phone',
  'household_id',
  'grid_code',
  'registered_area_code',
  'limited_mobility',
  'remote',
  'status',
  'created_at',
  'updated_at',
] as const;

const UPDATE_COLUMNS = [
  'name',
  'sex',
  'birth_date',
  'phone',
  'household_id',
  'grid_code',
  'updated_at',
] as const;

const PLACE_COLUMNS = ['code', 'level', 'name', 'short_name', 'parent_code', 'county_code'] as const;

/** Where the writes go: the bulk load's sink, or nowhere in a dry run. */
interface Target {
  db: Kysely<Database>;
  insert(
    table: keyof Database,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  update(
    table: keyof Database,
    key: readonly string[],
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  dry: boolean;
}

interface Pending {
  sheet: number;
  row: CheckedRow;
  household: string | undefined;
  /** The row as read, for the report should it turn out registered elsewhere. */
  cells: string[];
}

export async function importResidents(store: Store, input: ImportResidentsInput): Promise<ImportSummary> {
  const county = await resolveCounty(store, input.county, input.scope);
  const map = typeof input.map === 'string' ? parseColumnMap(input.map) : input.map;
  const table = await openTable(input.file, input.encoding === undefined ? {} : { encoding: input.encoding });
  const now = store.now();
  const run = new ImportRun(input, county, map, shanghaiDate(now), now.toISOString(), table);
  if (input.dryRun) {
    return run.execute({
      db: store.db,
      insert: () => Promise.resolve(),
      update: () => Promise.resolve(),
      dry: true,
    });
  }
  return store.bulk.load(async (sink) => {
    const s = await run.execute({
      db: sink.db,
      insert: (t, c, r) => sink.insert(t, c, r),
      update: (t, k, c, r) => sink.update(t, k, c, r),
      dry: false,
    });
    // Inside the load: a kill after a separate commit of the residents would leave them out of
    // every campaign's figures for good (a re-import finds them unchanged and recounts nothing).
    if (run.recountAfter) {
      for (const c of await campaignsCovering(sink.db, county.code))
        await recountInLoad(store, sink, Number(c.id));
    }
    return s;
  });
}

/** The county an import goes into: the one named, or the only one the caller sees. */
export async function resolveCounty(
  store: Store,
  given: string | undefined,
  scope: Scope,
): Promise<PlaceRecord> {
  const visible = (code: string) => inScope(scope, code) || (scope ?? []).some((p) => p.startsWith(code));
  const counties = (await countyCodes(store.db)).filter(visible);
  let code = given?.trim();
  if (code === undefined) {
    if (counties.length === 1) code = counties[0] as string;
    else if (counties.length === 0) {
      throw businessRule({
        code: 'import.no-county',
        message: {
          zh: '数据库中还没有区划：请先 gridvax places import --county 县代码',
          en: 'the database has no places yet: run gridvax places import --county CODE first',
        },
      });
    } else {
      throw invalidInput({
        code: 'import.county',
        field: 'county',
        message: {
          zh: `数据库中有多个县（${counties.join('、')}）：请用 --county 指定`,
          en: `the database holds several counties (${counties.join(', ')}): name one with --county`,
        },
      });
    }
  }
  if (!counties.includes(code)) {
    throw notFound({
      code: 'import.county',
      field: 'county',
      message: { zh: `找不到县 ${code}`, en: `no county ${code}` },
    });
  }
  const row = await store.db
    .selectFrom('places')
    .select(['code', 'level', 'name', 'short_name', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return { ...row, level: 'county' };
}

class ImportRun {
  recountAfter = false;
  private readonly summary: ImportSummary;
  private readonly lines: ReportLine[] = [];
  private readonly reportSheets: ReportSheet[] = [];
  private readonly sheetNames: string[] = [];
  /** ID number (as idKey) → where it was first seen (sheet × 2^32 + row). */
  private readonly seen = new NumberMap();
  private readonly areas = new Map<string, number>();
  private readonly kept = new Map<number, string[]>();
  private readonly newIds: number[] = [];
  private readonly movedIds: number[] = [];
  private readonly writtenGrids = new Set<string>();
  private pending: Pending[] = [];
  private counties: string[] = [];
  /** Whether anyone was registered before this import (if not, no row can be). */
  private registeredBefore = true;
  private nextId = 0;
  private places!: PlaceMatcher;
  private households!: HouseholdPlanner;
  private target!: Target;

  constructor(
    private readonly input: ImportResidentsInput,
    private readonly county: PlaceRecord,
    private readonly map: ColumnMap | undefined,
    private readonly today: string,
    private readonly at: string,
    private readonly table: Awaited<ReturnType<typeof openTable>>,
  ) {
    this.summary = {
      rows: 0,
      imported: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      duplicates: 0,
      report: null,
      gridsCreated: 0,
      householdsCreated: 0,
      format: table.format,
      ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
      sheetsSkipped: [],
      dryRun: input.dryRun === true,
    };
  }

  async execute(target: Target): Promise<ImportSummary> {
    this.target = target;
    const { db } = target;
    const code = this.county.code;
    const places = (await placesOfCounty(db, code)).filter((p) => p.code !== code) as PlaceRecord[];
    this.places = new PlaceMatcher(this.county, places, this.input.scope);
    this.households = new HouseholdPlanner(db, code);
    this.nextId = (await maxResidentId(db, code)) + 1;
    this.counties = await countyCodes(db);
    this.registeredBefore =
      (await db.selectFrom('residents').select('id').limit(1).executeTakeFirst()) !== undefined;

    const missing: { name: string; miss: HeaderMissing }[] = [];
    let index = 0;
    for await (const sheet of this.table.sheets) {
      const sheetIndex = index++;
      this.sheetNames.push(sheet.name);
      const miss = await this.readSheet(sheetIndex, sheet.name, sheet.rows);
      if (miss) missing.push({ name: sheet.name, miss });
    }
    if (this.reportSheets.length === 0) {
      throw headerNotFound(
        basename(this.input.file),
        missing.length > 0
          ? missing
          : [{ name: '', miss: { ok: false, found: [], missing: ['name', 'idNumber', 'village'] } }],
      );
    }
    this.summary.sheetsSkipped = missing.map((m) => m.name);
    await this.flush();

    if (!target.dry) await this.deriveStatuses();
    this.summary.gridsCreated = this.writtenGrids.size;
    this.summary.householdsCreated = this.households.created;
    await this.writeReport();
    return this.summary;
  }

  /** Reads one sheet; answers why it was skipped when it has no header. */
  private async readSheet(
    sheet: number,
    name: string,
    rows: AsyncIterable<TableRow[]>,
  ): Promise<HeaderMissing | undefined> {
    const it = rows[Symbol.asyncIterator]();
    const head: TableRow[] = [];
    let done = false;
    while (head.length < HEADER_SEARCH_ROWS) {
      const next = await it.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(...next.value);
    }
    const found = findHeader(
      head.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells),
      this.map,
    );
    if (!found.ok) {
      await it.return?.();
      return found;
    }
    this.reportSheets.push({ index: sheet, name, header: found.cells });
    const columns = found.columns;
    const idHeader =
      found.index >= 0 ? normalizeHeader(found.cells[columns.get('idNumber') as number] ?? '') : undefined;
    const idColumn = columns.get('idNumber') as number;
    const take = async (batch: readonly TableRow[]) => {
      for (const row of batch) {
        if (isBlankRow(row, columns)) continue;
        // The header again (a sheet printed page by page, or two tables pasted one under the
        // other). An ID number starts with a digit; only other text is worth comparing.
        const idCell = row.cells[idColumn] ?? '';
        if (
          idHeader !== undefined &&
          !/^\s*[0-9０-９]/u.test(idCell) &&
          normalizeHeader(idCell) === idHeader
        ) {
          continue;
        }
        this.take(sheet, row, columns);
        if (this.pending.length >= CHUNK) await this.flush();
      }
    };
    await take(head.slice(found.index + 1));
    while (!done) {
      const next = await it.next();
      if (next.done) break;
      await take(next.value);
    }
    return undefined;
  }

  private take(sheet: number, row: TableRow, columns: ReadonlyMap<Field, number>): void {
    this.summary.rows++;
    const checked = checkRow(row, { columns, today: this.today, places: this.places });
    if (!checked.ok) {
      this.summary.rejected++;
      for (const p of checked.problems) this.lines.push({ sheet, n: row.n, problem: p });
      this.keep(sheet, row);
      return;
    }
    const r = checked.row;
    const ref = rowKey(sheet, row.n);
    const key = this.idKey(r.idNumber);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.summary.duplicates++;
      const firstSheet = Math.floor(first / 2 ** 32);
      const firstRow = first % 2 ** 32;
      this.keep(sheet, row);
      this.lines.push({
        sheet,
        n: row.n,
        problem: problem(
          'duplicate.file',
          `身份证号与${this.rowName(firstSheet, firstRow, sheet)}重复，本行未导入`,
          `same ID number as ${this.rowNameEn(firstSheet, firstRow, sheet)}; this row was not imported`,
        ),
      });
      this.lines.push({
        sheet: firstSheet,
        n: firstRow,
        problem: problem(
          'duplicate.file-first',
          `身份证号在${this.rowName(sheet, row.n, firstSheet)}再次出现（那一行未导入）`,
          `the ID number appears again on ${this.rowNameEn(sheet, row.n, firstSheet)} (not imported)`,
        ),
      });
      return;
    }
    this.seen.set(key, ref);
    this.pending.push({ sheet, row: r, household: this.households.keyOf(r, sheet), cells: row.cells });
  }

  /**
   * Keeps a bad row's cells for the report (copies: a view would hold the file's text), up to
   * a bound past which the report reads the file again instead.
   */
  private keep(sheet: number, row: TableRow): void {
    if (this.kept.size < KEEP_ROWS) this.kept.set(rowKey(sheet, row.n), row.cells.map(ownString));
  }

  /**
   * An ID number as a number, for the duplicate check over a million rows: a string key took
   * four times the memory. The 17 digits before the check character identify the number; the
   * 6-digit area code is replaced by its position among the area codes seen (a few hundred),
   * which keeps the whole under 2^53.
   */
  private idKey(idNumber: string): number {
    const area = idNumber.slice(0, 6);
    let a = this.areas.get(area);
    if (a === undefined) this.areas.set(area, (a = this.areas.size));
    return a * 1e11 + Number(idNumber.slice(6, 17));
  }

  private rowName(sheet: number, n: number, from: number): string {
    return sheet === from ? `第 ${n} 行` : `工作表“${this.sheetNames[sheet] ?? ''}”第 ${n} 行`;
  }

  private rowNameEn(sheet: number, n: number, from: number): string {
    return sheet === from ? `row ${n}` : `row ${n} of sheet "${this.sheetNames[sheet] ?? ''}"`;
  }

  /** Checks a chunk of good rows against the register and writes what is new or changed. */
  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = [];
    if (chunk.length === 0) return;
    const { db } = this.target;
    const code = this.county.code;
    const registered = new Map<string, RegisteredResident[]>();
    // Rows this import stored cannot come back (the duplicate check stops them), so only a
    // register that had residents before needs asking: the first import of a county skips it.
    const asked = this.registeredBefore ? chunk.map((p) => p.row.idNumber) : [];
    for (const r of await residentsWithIdNumbers(db, this.counties, asked)) {
      const list = registered.get(r.id_number) ?? [];
      list.push(r);
      registered.set(r.id_number, list);
    }
    const elsewhere = [...registered.values()].flat().filter((r) => r.county_code !== code);
    const otherNames = await placeNamesByCode(
      db,
      elsewhere.flatMap((r) => [
        r.grid_code.slice(0, 9),
        r.grid_code.slice(0, 12),
        r.grid_code,
        r.county_code,
      ]),
    );
    await this.households.prepare(
      new Set(chunk.filter((p) => p.household !== undefined).map((p) => p.row.grid)),
    );

    const inserts: unknown[][] = [];
    const updates: unknown[][] = [];
    const usedGrids = new Set<string>();
    for (const { sheet, row, household, cells } of chunk) {
      const found = registered.get(row.idNumber) ?? [];
      const here = found.find((r) => r.county_code === code);
      const away = here ?? found[0];
      if (away && (away !== here || here.grid_code.slice(0, 12) !== row.village)) {
        this.summary.duplicates++;
        this.lines.push({ sheet, n: row.n, problem: this.registeredElsewhere(away, row, otherNames) });
        this.keep(sheet, { n: row.n, cells });
        continue;
      }
      usedGrids.add(row.grid);
      let householdId = here?.household_id ?? null;
      let addressBefore: string | undefined;
      if (household !== undefined) {
        const h = this.households.resolve(household, row, here?.household_id ?? null);
        householdId = h.id;
        addressBefore = h.addressBefore;
      }
      if (here) {
        const phone = row.phone ?? here.phone;
        const changed =
          here.name !== row.name ||
          here.phone !== phone ||
          here.sex !== row.sex ||
          here.birth_date !== row.birthDate ||
          here.grid_code !== row.grid ||
          here.household_id !== householdId ||
          (row.address !== null && addressBefore !== undefined && addressBefore !== row.address);
        if (!changed) {
          this.summary.unchanged++;
          continue;
        }
        this.summary.updated++;
        updates.push([
          code,
          here.id,
          row.name,
          row.sex,
          row.birthDate,
          phone,
          householdId,
          row.grid,
          this.at,
        ]);
        if (here.grid_code !== row.grid || here.birth_date !== row.birthDate) this.movedIds.push(here.id);
        continue;
      }
      const id = this.nextId++;
      this.summary.imported++;
      this.newIds.push(id);
      inserts.push([
        code,
        id,
        row.idNumber,
        row.name,
        row.sex,
        row.birthDate,
        row.phone,
        householdId,
        row.grid,
        row.areaCode,
        0,
        0,
        'active',
        this.at,
        this.at,
      ]);
    }

    // Grids first (households and residents name them), and only those a stored row uses: a
    // grid named only by rejected rows is not made.
    const newGrids: PlaceRecord[] = [];
    for (const g of usedGrids) {
      const grid = this.writtenGrids.has(g) ? undefined : this.places.newGrid(g);
      if (grid) {
        newGrids.push(grid);
        this.writtenGrids.add(g);
      }
    }
    await this.target.insert(
      'places',
      PLACE_COLUMNS,
      newGrids.map((g) => [g.code, 'grid', g.name, g.short_name, g.parent_code, code]),
    );
    await this.target.insert('households', HOUSEHOLD_COLUMNS, this.households.takeNew());
    await this.target.update(
      'households',
      ['county_code', 'id'],
      ['address', 'head_name'],
      this.households.takeUpdates(),
    );
    await this.target.insert('residents', RESIDENT_COLUMNS, inserts);
    await this.target.update('residents', ['county_code', 'id'], UPDATE_COLUMNS, updates);
  }

  private registeredElsewhere(
    other: RegisteredResident,
    row: CheckedRow,
    otherNames: ReadonlyMap<string, string>,
  ): Problem {
    const here = this.places.label(row.grid);
    if (!inScope(this.input.scope, other.grid_code)) {
      return problem(
        'duplicate.registered',
        `该身份证号已在别处登记（人户分离），本行（${here}）未导入`,
        `this ID number is registered elsewhere already (人户分离); this row (${row.grid}) was not imported`,
      );
    }
    const there =
      other.county_code === this.county.code
        ? this.places.label(other.grid_code)
        : [other.county_code, other.grid_code.slice(0, 9), other.grid_code.slice(0, 12), other.grid_code]
            .map((c) => otherNames.get(c) ?? '')
            .join('') || other.grid_code;
    return problem(
      'duplicate.registered',
      `${other.name}已登记在${there}（${other.grid_code}），本行为${here}（${row.grid}）：人户分离，保留原登记，本行未导入`,
      `${other.name} is registered in ${other.grid_code} (${there}); this row says ${row.grid} (${here}): kept the existing record, row not imported`,
    );
  }

  /** Campaign statuses of the residents added or moved, in the load's transaction when few. */
  private async deriveStatuses(): Promise<void> {
    const total = this.newIds.length + this.movedIds.length;
    if (total === 0) return;
    if (total > (this.input.recountAbove ?? RECOUNT_ABOVE)) {
      this.recountAfter = true;
      return;
    }
    const { db } = this.target;
    const code = this.county.code;
    await applyResidentChanges(db, code, this.newIds, this.today, this.at, 'new-resident');
    await applyResidentChanges(db, code, this.movedIds, this.today, this.at, 'resident-changed');
  }

  private async writeReport(): Promise<void> {
    const report = this.input.report;
    if (!report || (this.lines.length === 0 && !report.always)) return;
    const s = this.summary;
    await writeValidationReport({
      path: report.path,
      file: this.input.file,
      table: this.table.encoding === undefined ? {} : { encoding: this.table.encoding },
      sheets: this.reportSheets,
      lines: this.lines,
      summary: [
        ['文件 File', basename(this.input.file)],
        ['县 County', `${this.county.name}（${this.county.code}）`],
        ['数据行 Rows', s.rows],
        ['新增 Imported', s.imported],
        ['更新 Updated', s.updated],
        ['未变 Unchanged', s.unchanged],
        ['有问题未导入 Rejected', s.rejected],
        ['重复未导入 Duplicates', s.duplicates],
        ['新建网格 Grids created', s.gridsCreated],
        ['新建户 Households created', s.householdsCreated],
        ['试运行（未写入）Dry run', s.dryRun ? '是 yes' : '否 no'],
      ],
      kept: this.kept,
    });
    this.summary.report = report.path;
  }
}
