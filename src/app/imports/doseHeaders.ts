/**
 * The columns of a vaccination ledger (接种台账) exported by another system, found the way the
 * register's are (headers.ts): the row among the first ten naming the most known columns, after
 * the same folding of full width, spaces, "*" and bracketed notes. Two shapes are read:
 *
 * - wide: one row per person with a date column per dose (第一剂次接种日期, 第二剂次 …);
 * - long: one row per dose, with 剂次 and 接种日期.
 *
 * `--map` names columns by header text or letter, as for the register, with the fields below.
 */
import { invalidInput } from '../../domain/errors.js';
import { columnsOfHeader, HEADER_SEARCH_ROWS, normalizeHeader } from './headers.js';

export const DOSE_FIELDS = [
  'name',
  'idNumber',
  'dose1',
  'dose2',
  'dose3',
  'doseNumber',
  'date',
  'product',
  'lot',
  'site',
] as const;

export type DoseField = (typeof DOSE_FIELDS)[number];

/** The wide shape's date columns, by dose number. */
export const DOSE_DATE_FIELDS: readonly (readonly [DoseField, number])[] = [
  ['dose1', 1],
  ['dose2', 2],
  ['dose3', 3],
];

const dateAliases = (n: string, d: string) => [
  `第${n}剂次接种日期`,
  `第${d}剂接种日期`,
  `第${n}剂接种日期`,
  `第${d}剂次接种日期`,
  `第${n}剂次接种时间`,
  `第${n}剂接种时间`,
  `第${d}剂接种时间`,
  `第${n}剂次`,
  `第${d}剂次`,
  `第${n}剂`,
  `第${d}剂`,
];

/** Each field's usual headers; the first is the one messages use. */
const ALIASES: Readonly<Record<DoseField, readonly string[]>> = {
  name: ['姓名', '受种者姓名', '被接种者姓名', '居民姓名', '人员姓名'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '居民身份证号码',
    '证件号码',
    '证件号',
    '身份证件号码',
    '身份证',
  ],
  dose1: dateAliases('一', '1'),
  dose2: dateAliases('二', '2'),
  dose3: [...dateAliases('三', '3'), '加强针接种日期', '加强剂次接种日期'],
  doseNumber: ['剂次', '接种剂次', '针次', '第几剂'],
  date: ['接种日期', '接种时间', '接种日期时间'],
  product: ['疫苗名称', '生产企业', '疫苗厂家', '生产厂家', '疫苗生产企业', '疫苗', '疫苗种类', '疫苗品种'],
  lot: ['批号', '疫苗批号', '批次', '批次号'],
  site: ['接种单位', '接种点', '接种门诊', '接种地点', '接种机构'],
};

export const DOSE_FIELD_LABELS: Readonly<Record<DoseField, string>> = Object.fromEntries(
  DOSE_FIELDS.map((f) => [f, ALIASES[f][0] as string]),
) as Record<DoseField, string>;

const INDEX = new Map<string, DoseField>();
for (const f of DOSE_FIELDS) {
  for (const a of ALIASES[f]) INDEX.set(normalizeHeader(a), f);
  INDEX.set(f.toLowerCase(), f);
}

export function doseFieldOfHeader(text: string): DoseField | undefined {
  const h = normalizeHeader(text);
  return INDEX.get(h) ?? INDEX.get(h.toLowerCase());
}

export interface DoseColumnMap {
  byHeader: Map<string, DoseField>;
  byLetter: Map<number, DoseField>;
}

const badMap = (zh: string, en: string) =>
  invalidInput({ code: 'import.map', field: 'map', message: { zh, en } });

/** `--map '{"接种日期1":"dose1","F":"product"}'`: values are field keys or their usual headers. */
export function parseDoseColumnMap(json: string): DoseColumnMap {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw badMap(`--map 不是有效的 JSON：${json}`, `--map is not valid JSON: ${json}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badMap('--map 应为 JSON 对象', '--map must be a JSON object');
  }
  const map: DoseColumnMap = { byHeader: new Map(), byLetter: new Map() };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field =
      typeof value === 'string'
        ? (DOSE_FIELDS as readonly string[]).includes(value)
          ? (value as DoseField)
          : doseFieldOfHeader(value)
        : undefined;
    if (field === undefined) {
      throw badMap(
        `--map 中“${key}”对应的“${String(value)}”不是可导入的字段；可用：${DOSE_FIELDS.join('、')}`,
        `--map: "${String(value)}" (for "${key}") is not a field; use one of ${DOSE_FIELDS.join(', ')}`,
      );
    }
    if (/^[A-Z]{1,3}$/.test(key)) {
      let n = 0;
      for (const ch of key) n = n * 26 + (ch.charCodeAt(0) - 64);
      map.byLetter.set(n - 1, field);
    } else map.byHeader.set(normalizeHeader(key), field);
  }
  return map;
}

export type DoseHeader =
  | { ok: true; index: number; cells: string[]; columns: Map<DoseField, number> }
  | { ok: false; found: string[] };

const columnsOf = (cells: readonly string[], map: DoseColumnMap | undefined): Map<DoseField, number> =>
  columnsOfHeader(cells, map, doseFieldOfHeader);

/** A ledger header names the ID number and either dose date columns or 剂次 + 接种日期. */
export function readable(columns: ReadonlyMap<DoseField, number>): boolean {
  const wide = DOSE_DATE_FIELDS.some(([f]) => columns.has(f));
  const long = columns.has('doseNumber') && columns.has('date');
  return columns.has('idNumber') && (wide || long);
}

export function findDoseHeader(rows: readonly (readonly string[])[], map?: DoseColumnMap): DoseHeader {
  let best: { index: number; columns: Map<DoseField, number> } | undefined;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
    const columns = columnsOf(cells, map);
    if (readable(columns) && (!best || columns.size > best.columns.size)) best = { index, columns };
  });
  if (best)
    return { ok: true, index: best.index, cells: [...(rows[best.index] ?? [])], columns: best.columns };
  const fullest = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .reduce<readonly string[]>(
      (a, r) => (r.filter((c) => c.trim()).length > a.filter((c) => c.trim()).length ? r : a),
      [],
    );
  return {
    ok: false,
    found: fullest
      .map((c) => c.trim())
      .filter(Boolean)
      .slice(0, 30),
  };
}

/** The refusal when no sheet has a ledger header. */
export function doseHeaderNotFound(file: string, found: readonly string[]) {
  const what = found.join('、') || '（空）';
  return invalidInput({
    code: 'import.header',
    file,
    message: {
      zh: `前 ${HEADER_SEARCH_ROWS} 行中找不到接种台账表头（需要身份证号，以及第一剂次接种日期等列或剂次 + 接种日期）。找到的是：${what}。可用 --map 指定列`,
      en: `no vaccination ledger header in the first ${HEADER_SEARCH_ROWS} rows (an ID number column, and dose date columns or 剂次 + 接种日期). Found: ${what}. Name the columns with --map`,
    },
  });
}
