/**
 * Finding the header row of a register and what each column holds. Registers carry a title
 * (often merged across the sheet: "锦石乡锦石村居民花名册"), a date or a unit line, sometimes a
 * group header ("基本信息") above the real one; the header is the row among the first ten
 * that names the most known columns. Headers are compared after folding the usual noise: full
 * width, spaces and line breaks inside the cell, "*" marks and notes in brackets ("身份证号码
 * （18位）", "联系电话(必填)").
 *
 * `--map` names columns by hand, by header text or by column letter; it wins over
 * recognition, and columns it does not name are still recognized.
 */
import { invalidInput } from '../../domain/errors.js';

export const FIELDS = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'phone',
  'householdHead',
  'relation',
  'address',
  'township',
  'village',
  'grid',
  'householdNo',
] as const;

export type Field = (typeof FIELDS)[number];

/** Each field's usual headers; the first is the one messages use. */
const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  name: ['姓名', '居民姓名', '人员姓名', '名字', '户籍人员姓名', '受种者姓名', '被接种者姓名'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '居民身份证号码',
    '居民身份证号',
    '证件号码',
    '证件号',
    '身份证件号码',
    '身份证',
  ],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日', '出生年月', '生日'],
  phone: ['联系电话', '手机号码', '手机号', '手机', '电话', '电话号码', '联系方式', '本人电话', '本人手机'],
  householdHead: ['户主姓名', '户主'],
  relation: ['与户主关系', '与户主的关系', '家庭关系'],
  address: [
    '现住址',
    '住址',
    '家庭住址',
    '家庭地址',
    '现居住地址',
    '现居住地',
    '现住地址',
    '居住地址',
    '详细地址',
    '地址',
  ],
  township: ['乡镇', '乡镇/街道', '乡镇街道', '街道', '乡镇名称', '所属乡镇', '乡(镇)', '乡镇(街道)'],
  village: [
    '村/社区',
    '村',
    '社区',
    '村社区',
    '村居',
    '村(居)',
    '村(社区)',
    '所属村',
    '行政村',
    '村委会',
    '居委会',
  ],
  grid: ['网格', '网格名称', '所属网格', '网格号', '网格编号', '村民小组'],
  householdNo: ['户号', '户编号', '家庭编号', '户编码'],
};

/** The header named in messages and the report for a field. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = Object.fromEntries(
  FIELDS.map((f) => [f, ALIASES[f][0] as string]),
) as Record<Field, string>;

/**
 * The header as compared: NFKC (full width to half), no whitespace anywhere, no "*" or "※",
 * no trailing colon, and a trailing note in brackets dropped unless that would leave nothing
 * or the bracket is the name itself (村(社区), 乡(镇) are kept whole and listed as aliases).
 */
export function normalizeHeader(text: string): string {
  let h = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[*※]/gu, '')
    .replace(/[:：]$/u, '');
  h = h.replace(/[【[]/gu, '(').replace(/[】\]]/gu, ')');
  if (ALIAS_INDEX.has(h)) return h;
  const stripped = h.replace(/\([^)]*\)$/u, '');
  return stripped.length > 0 ? stripped : h;
}

const ALIAS_INDEX = new Map<string, Field>();
for (const f of FIELDS) {
  for (const a of ALIASES[f]) ALIAS_INDEX.set(a.normalize('NFKC'), f);
  // The field's own key, so a file exported by gridvax (or a script) reads back.
  ALIAS_INDEX.set(f.toLowerCase(), f);
}

/** The field a header names, if it is one of the usual ones. */
export function fieldOfHeader(text: string): Field | undefined {
  const h = normalizeHeader(text);
  return ALIAS_INDEX.get(h) ?? ALIAS_INDEX.get(h.toLowerCase());
}

/** `--map`: header text or column letter (A, B, … AA) → field. */
export interface ColumnMap {
  byHeader: Map<string, Field>;
  byLetter: Map<number, Field>;
}

const LETTERS = /^[A-Z]{1,3}$/;

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Column letter of a 0-based index, as a spreadsheet shows it. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

const badMap = (zh: string, en: string) =>
  invalidInput({ code: 'import.map', field: 'map', message: { zh, en } });

/**
 * Reads `--map '{"姓名":"name","C":"idNumber"}'`. A value may be a field key or one of its usual
 * Chinese headers ("身份证号"), so `{"证件号(必填)":"身份证号"}` works too.
 */
export function parseColumnMap(json: string): ColumnMap {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw badMap(`--map 不是有效的 JSON：${json}`, `--map is not valid JSON: ${json}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badMap(
      '--map 应为 JSON 对象，如 {"姓名":"name"}',
      '--map must be a JSON object such as {"姓名":"name"}',
    );
  }
  const map: ColumnMap = { byHeader: new Map(), byLetter: new Map() };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field =
      typeof value === 'string'
        ? (FIELDS as readonly string[]).includes(value)
          ? (value as Field)
          : fieldOfHeader(value)
        : undefined;
    if (field === undefined) {
      throw badMap(
        `--map 中“${key}”对应的“${String(value)}”不是可导入的字段；可用：${FIELDS.join('、')}`,
        `--map: "${String(value)}" (for "${key}") is not a field; use one of ${FIELDS.join(', ')}`,
      );
    }
    if (LETTERS.test(key)) map.byLetter.set(letterIndex(key), field);
    else map.byHeader.set(normalizeHeader(key), field);
  }
  return map;
}

export interface HeaderFound {
  ok: true;
  /** Index in the rows looked at (0-based); data starts after it. */
  index: number;
  /** The header cells as written, for the validation report. */
  cells: string[];
  /** Field → column (0-based). */
  columns: Map<Field, number>;
}

export interface HeaderMissing {
  ok: false;
  /** The header-like cells of the best row found, to tell the user what was there. */
  found: string[];
  /** Required fields not found. */
  missing: Field[];
}

/** How many rows from the top a header may be. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Which column holds which field: columns named in `--map` (by letter, then by header text)
 * first, then the rest recognized by `fieldOf`. The first column of a kind wins: 电话 after
 * 手机号码 is a second phone, not the phone. Shared by the register and the dose ledger.
 */
export function columnsOfHeader<F>(
  cells: readonly string[],
  map: { byHeader: Map<string, F>; byLetter: Map<number, F> } | undefined,
  fieldOf: (cell: string) => F | undefined,
): Map<F, number> {
  const columns = new Map<F, number>();
  if (map) {
    for (const [col, field] of map.byLetter) if (!columns.has(field)) columns.set(field, col);
    cells.forEach((c, i) => {
      const field = map.byHeader.get(normalizeHeader(c));
      if (field !== undefined && !columns.has(field)) columns.set(field, i);
    });
  }
  const taken = new Set(columns.values());
  cells.forEach((c, i) => {
    if (taken.has(i) || c.trim() === '') return;
    const field = fieldOf(c);
    if (field !== undefined && !columns.has(field)) columns.set(field, i);
  });
  return columns;
}

const columnsOf = (cells: readonly string[], map: ColumnMap | undefined): Map<Field, number> =>
  columnsOfHeader(cells, map, fieldOfHeader);

/**
 * The header among `rows` (the first rows of a sheet): the row naming the most fields, which
 * must include the name and the ID number; with a map by letters only and no header row at
 * all, the data starts at the first row.
 */
export function findHeader(
  rows: readonly (readonly string[])[],
  map?: ColumnMap,
): HeaderFound | HeaderMissing {
  let best: { index: number; columns: Map<Field, number> } | undefined;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
    const columns = columnsOf(cells, map);
    const named = [...columns.keys()].length - (map?.byLetter.size ?? 0);
    const bestNamed = best ? [...best.columns.keys()].length - (map?.byLetter.size ?? 0) : 0;
    if (named > bestNamed) best = { index, columns };
  });
  const required: Field[] = ['name', 'idNumber'];
  if (best) {
    const { index, columns } = best;
    const missing = required.filter((f) => !columns.has(f));
    if (!columns.has('village') && !columns.has('grid')) missing.push('village');
    if (missing.length === 0) return { ok: true, index, cells: [...(rows[index] ?? [])], columns };
    return { ok: false, found: headerLike(rows[index] ?? []), missing };
  }
  if (map && required.every((f) => [...map.byLetter.values()].includes(f))) {
    const columns = columnsOf([], map);
    if (columns.has('village') || columns.has('grid')) {
      // Columns named by letter under a header nobody recognizes: the data starts at the first
      // row whose ID column holds something like an ID number; the row above it is the header.
      const idColumn = columns.get('idNumber') as number;
      const first = rows
        .slice(0, HEADER_SEARCH_ROWS)
        .findIndex((r) => (r[idColumn] ?? '').normalize('NFKC').replace(/\D/gu, '').length >= 15);
      const index = first > 0 ? first - 1 : -1;
      const width = Math.max(0, ...rows.map((r) => r.length));
      const cells =
        index >= 0 ? [...(rows[index] ?? [])] : Array.from({ length: width }, (_, i) => columnLetter(i));
      return { ok: true, index, cells, columns };
    }
  }
  // Nothing recognized: show the fullest of the first rows, which is most likely the header.
  const fullest = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .reduce<readonly string[]>(
      (a, r) => (r.filter((c) => c.trim()).length > a.filter((c) => c.trim()).length ? r : a),
      [],
    );
  return { ok: false, found: headerLike(fullest), missing: [...required, 'village'] };
}

function headerLike(cells: readonly string[]): string[] {
  return cells
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .slice(0, 30);
}

/** The "no header" refusal, naming what was found and what is missing (exit 3). */
export function headerNotFound(file: string, sheets: { name: string; miss: HeaderMissing }[]) {
  const what = sheets
    .map(({ name, miss }) => `${sheets.length > 1 ? `[${name}] ` : ''}${miss.found.join('、') || '（空）'}`)
    .join('；');
  const missing = [...new Set(sheets.flatMap((s) => s.miss.missing))];
  const label = (f: Field) => (f === 'village' ? '村（社区）或网格' : FIELD_LABELS[f]);
  const labelEn = (f: Field) => (f === 'village' ? 'village or grid' : `${FIELD_LABELS[f]} (${f})`);
  // Replacement characters in what was found: the text was decoded with the wrong encoding.
  const garbled = what.includes('\uFFFD');
  return invalidInput({
    code: 'import.header',
    file,
    message: {
      zh: `前 ${HEADER_SEARCH_ROWS} 行中找不到表头：缺少 ${missing.map(label).join('、')}。找到的是：${what}。${garbled ? '文字是乱码，编码可能不对：试试 --encoding gbk 或 --encoding utf-8。' : ''}可用 --map 指定列，如 --map '{"证件号":"idNumber"}'`,
      en: `no header row in the first ${HEADER_SEARCH_ROWS} rows: missing ${missing.map(labelEn).join(', ')}. Found: ${what}. ${garbled ? 'The text is garbled, so the encoding is probably wrong: try --encoding gbk or --encoding utf-8. ' : ''}Name the columns with --map, e.g. --map '{"证件号":"idNumber"}'`,
    },
  });
}
