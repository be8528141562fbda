/**
 * Checking one register row: the ID number by the national standard (15-digit numbers are
 * upgraded), sex and birth date agreeing with it when the file gives them, a name, a plausible
 * phone, a place the county has. Every problem of the row is reported, not just the first, so
 * that whoever fixes the sheet fixes it once.
 *
 * What a cell does not say is not a problem: a blank phone or birth date is simply not given.
 */
import type { CalendarDate } from '../../domain/calendar.js';
import { isRealDate } from '../../domain/calendar.js';
import { parseIdNumber, type Sex } from '../../domain/idcard.js';
import { FIELDS, type Field } from './headers.js';
import type { PlaceMatcher } from './placeMatch.js';
import { type Problem, problem } from './problems.js';
import type { TableRow } from './tableReader.js';

export interface CheckedRow {
  n: number;
  /** The 18-character number (upgraded from 15 digits when needed). */
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: CalendarDate;
  /** The 6-digit area code the ID number was issued under (户籍地 as far as the file tells). */
  areaCode: string;
  /** null: the row gives no phone (an existing one is kept). */
  phone: string | null;
  village: string;
  grid: string;
  address: string | null;
  /** The household head's name, from a 户主/户主姓名 column. */
  headName: string | null;
  /** Whether this row is the household head (与户主关系 = 户主/本人, or 户主 = 是). */
  isHead: boolean | undefined;
  householdNo: string | null;
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; problems: Problem[] };

export interface RowContext {
  columns: ReadonlyMap<Field, number>;
  today: CalendarDate;
  places: PlaceMatcher;
}

type ColumnIndex = Readonly<Record<Field, number>> & { readonly used: readonly number[] };

// A million rows read a dozen cells each: the field → column map as a plain object, made once.
const indexes = new WeakMap<ReadonlyMap<Field, number>, ColumnIndex>();

function indexOf(columns: ReadonlyMap<Field, number>): ColumnIndex {
  let idx = indexes.get(columns);
  if (!idx) {
    const o = Object.fromEntries(FIELDS.map((f) => [f, columns.get(f) ?? -1])) as Record<Field, number>;
    idx = Object.assign(o, { used: [...columns.values()] });
    indexes.set(columns, idx);
  }
  return idx;
}

const cell = (row: TableRow, idx: ColumnIndex, f: Field): string => {
  const i = idx[f];
  return i < 0 ? '' : (row.cells[i] ?? '').trim();
};

/** Whether a row has nothing in any column the import reads (a spacer or a footer note). */
export function isBlankRow(row: TableRow, columns: ReadonlyMap<Field, number>): boolean {
  for (const i of indexOf(columns).used) if ((row.cells[i] ?? '').trim() !== '') return false;
  return true;
}

export function checkRow(row: TableRow, ctx: RowContext): RowCheck {
  const columns = indexOf(ctx.columns);
  const problems: Problem[] = [];

  const name = normalizeName(cell(row, columns, 'name'));
  if (name === '') problems.push(problem('name.empty', '姓名为空', 'the name is empty'));
  else if (/\d/.test(name)) {
    problems.push(problem('name.digits', `姓名“${name}”含数字`, `the name "${name}" contains digits`));
  } else if (name.length > 50) {
    problems.push(problem('name.length', '姓名超过 50 个字', 'the name is longer than 50 characters'));
  }

  const idText = cell(row, columns, 'idNumber');
  let id: ReturnType<typeof parseIdNumber> | undefined;
  if (row.imprecise?.includes(columns.idNumber)) {
    problems.push(
      problem(
        'idcard.number-cell',
        `身份证号“${idText}”存成了数字，末几位已经丢失：请把该列设为文本后重新填写`,
        `the ID number "${idText}" was stored as a number and has lost its last digits: make the column text and type it again`,
      ),
    );
  } else if (/^\d(\.\d+)?e\+?\d+$/i.test(idText)) {
    problems.push(
      problem(
        'idcard.scientific',
        `身份证号显示为科学计数法“${idText}”，原号码已丢失`,
        `the ID number shows in scientific notation ("${idText}"); the number itself is lost`,
      ),
    );
  } else {
    id = parseIdNumber(idText, ctx.today);
    if (!id.ok) problems.push(problem(id.error.code, id.error.message.zh, id.error.message.en));
  }
  const parsed = id?.ok ? id : undefined;

  const sexText = cell(row, columns, 'sex');
  if (sexText !== '') {
    const sex = parseSex(sexText);
    if (sex === undefined) {
      problems.push(
        problem('sex.value', `性别“${sexText}”应为男或女`, `sex "${sexText}" should be 男 or 女`),
      );
    } else if (parsed && sex !== parsed.sex) {
      problems.push(
        problem(
          'sex.id-mismatch',
          `性别“${sexText}”与身份证号不符（身份证号为${parsed.sex === 'M' ? '男' : '女'}性）`,
          `sex "${sexText}" disagrees with the ID number (${parsed.sex === 'M' ? 'male' : 'female'})`,
        ),
      );
    }
  }

  const birthText = cell(row, columns, 'birthDate');
  if (birthText !== '') {
    const birth = parseBirthDate(birthText);
    if (birth === undefined) {
      problems.push(
        problem(
          'birth.value',
          `出生日期“${birthText}”不是有效日期`,
          `birth date "${birthText}" is not a date`,
        ),
      );
    } else if (parsed && !parsed.birthDate.startsWith(birth)) {
      problems.push(
        problem(
          'birth.id-mismatch',
          `出生日期“${birthText}”与身份证号不符（身份证号为 ${parsed.birthDate}）`,
          `birth date "${birthText}" disagrees with the ID number (${parsed.birthDate})`,
        ),
      );
    }
  }

  const phoneText = cell(row, columns, 'phone');
  let phone: string | null = null;
  if (phoneText !== '') {
    phone = normalizePhone(phoneText) ?? null;
    if (phone === null) {
      problems.push(
        problem(
          'phone.value',
          `联系电话“${phoneText}”既不是手机号也不是固定电话`,
          `phone "${phoneText}" is neither a mainland mobile nor a landline number`,
        ),
      );
    }
  }

  const place = ctx.places.match(
    cell(row, columns, 'township'),
    cell(row, columns, 'village'),
    cell(row, columns, 'grid'),
  );
  if (!place.ok) problems.push(...place.problems);

  if (problems.length > 0 || !parsed || !place.ok) return { ok: false, problems };

  const head = householdHead(cell(row, columns, 'householdHead'));
  const relation = cell(row, columns, 'relation');
  const address = foldWidth(cell(row, columns, 'address')).replace(/\s+/gu, ' ');
  const householdNo = foldWidth(cell(row, columns, 'householdNo')).replace(/\s+/gu, '');
  return {
    ok: true,
    row: {
      n: row.n,
      idNumber: parsed.normalized,
      name,
      sex: parsed.sex,
      birthDate: parsed.birthDate,
      areaCode: parsed.areaCode,
      phone,
      village: place.village,
      grid: place.grid,
      address: address === '' ? null : address,
      headName: head.name,
      isHead:
        relation !== ''
          ? HEAD_WORDS.has(foldWidth(relation).replace(/\s+/gu, ''))
          : (head.isHead ?? (head.name === null ? undefined : head.name === name)),
      householdNo: householdNo === '' ? null : householdNo,
    },
  };
}

const HAN = /\p{Script=Han}/u;
/** ASCII and the basic CJK block are what NFKC leaves as they are; most cells are nothing else. */
const NFKC_STABLE = /^[ -~\t\r\n\u4e00-\u9fff]*$/u;

/** NFKC (full-width letters and digits to ASCII …), skipped for text it would not change. */
export function foldWidth(text: string): string {
  return NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
}

/**
 * A name as stored: NFKC, trimmed, spaces inside a Chinese name removed (张 三 is 张三, typed to
 * line up two-character names), the dot in minority names made the middle dot.
 */
export function normalizeName(text: string): string {
  if (PLAIN_NAME.test(text)) return text;
  let name = foldWidth(text).trim().replace(/\s+/gu, ' ');
  if (HAN.test(name)) name = name.replace(/ /gu, '').replace(/[•・.．]/gu, '·');
  return name;
}

/** A name of Chinese characters only: already as stored. */
const PLAIN_NAME = /^[\u4e00-\u9fff]{1,20}$/u;

const SEXES: Readonly<Record<string, Sex>> = {
  男: 'M',
  男性: 'M',
  m: 'M',
  male: 'M',
  '1': 'M',
  女: 'F',
  女性: 'F',
  f: 'F',
  female: 'F',
  '2': 'F',
};

/** 男/女 (and M/F, GB/T 2261.1's 1/2). */
export function parseSex(text: string): Sex | undefined {
  if (text === '男') return 'M';
  if (text === '女') return 'F';
  return SEXES[foldWidth(text).trim().toLowerCase()];
}

const pad = (n: number) => String(n).padStart(2, '0');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A birth date as people type it: 1950-03-01, 1950/3/1, 1950.3.1, 1950年3月1日, 19500301, or
 * a month only (1950-03, 1950年3月, 195003 — a 出生年月 column), or a year only; an Excel date
 * serial (18323) from a sheet whose date cells lost their format. Returns the YYYY-MM-DD,
 * YYYY-MM or YYYY it says, to compare with the ID number's date by prefix.
 */
export function parseBirthDate(text: string): string | undefined {
  const t = foldWidth(text).trim();
  if (ISO_DATE.test(t)) {
    return isRealDate(Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10))) ? t : undefined;
  }
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u.exec(
      t,
    );
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/u.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? `${m[1]}-${pad(mo)}` : undefined;
  }
  m = /^(\d{4})\s*年?$/u.exec(t);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2100) return m[1];
  if (/^\d{1,5}$/.test(t) && Number(t) > 0) {
    // Excel's serial day (1900 system; its phantom 1900-02-29 is before any living birth date).
    return new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}

/**
 * A phone as stored: a mainland mobile as its 11 digits; a landline with its area code as
 * 0731-57862345; a local landline (7–8 digits) as typed. Spaces, dashes, brackets and a +86
 * prefix are dropped; of several numbers in one cell (138…/0731-…), the first is kept.
 * Undefined when the first is neither.
 */
export function normalizePhone(text: string): string | undefined {
  if (MOBILE.test(text)) return text;
  const first = foldWidth(text).split(/[/、,;，；|]|\s{2,}/u)[0] ?? '';
  let d = first.replace(/[\s\-()—–_.]/gu, '');
  if (/^(\+?0{0,2}86)1[3-9]\d{9}$/.test(d)) d = d.slice(-11);
  if (/^1[3-9]\d{9}$/.test(d)) return d;
  if (/^0\d{9,11}$/.test(d)) {
    const area = d.startsWith('010') || d.startsWith('02') ? 3 : 4;
    const local = d.slice(area);
    if (/^[2-9]\d{6,7}$/.test(local)) return `${d.slice(0, area)}-${local}`;
    return undefined;
  }
  if (/^[2-9]\d{6,7}$/.test(d)) return d;
  return undefined;
}

const MOBILE = /^1[3-9]\d{9}$/;
const HEAD_WORDS = new Set(['户主', '本人', '户主本人', '户主(本人)', '本人(户主)']);
const YES = new Set(['是', 'y', 'yes', '√', '✓', '1']);
const NO = new Set(['否', 'n', 'no', '×', '✗', '0']);

/** A 户主 column holds the head's name, or in some sheets a yes/no mark for "this row is the head". */
function householdHead(text: string): { name: string | null; isHead: boolean | undefined } {
  if (text === '') return { name: null, isHead: undefined };
  const t = foldWidth(text).trim().toLowerCase();
  if (YES.has(t)) return { name: null, isHead: true };
  if (NO.has(t)) return { name: null, isHead: false };
  if (HEAD_WORDS.has(t)) return { name: null, isHead: true };
  const name = normalizeName(text);
  return { name: name === '' ? null : name, isHead: undefined };
}
