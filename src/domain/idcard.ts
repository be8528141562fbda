/**
 * Resident ID numbers (居民身份证号码) as defined by GB 11643-1999 《公民身份号码》:
 * 6-digit address code (GB/T 2260), 8-digit birth date YYYYMMDD, 3-digit sequence code whose
 * parity gives the sex (odd male, even female), and one check character computed with
 * ISO 7064:1983 MOD 11-2. Numbers issued before 1999 had 15 digits (2-digit year, no check
 * character); the standard upgrades them by inserting "19" and appending the check character.
 *
 * Imports parse about a million numbers and the demo composes 800,000, so the hot paths work on
 * char codes and avoid intermediate strings; only the results (normalized number, birth date,
 * area code) are allocated.
 */
import { type Bilingual, type ErrorDetail, invalidInput } from './errors.js';
import { type CalendarDate, isRealDate, parseDate } from './calendar.js';

export type Sex = 'M' | 'F';

export interface ParsedIdNumber {
  ok: true;
  /** The 18-character number, upgraded when the input had 15 digits. */
  normalized: string;
  birthDate: CalendarDate;
  sex: Sex;
  /** The 6-digit address code (GB/T 2260) the number was issued under. */
  areaCode: string;
  upgradedFrom15: boolean;
}

export interface IdParseFailure {
  ok: false;
  error: ErrorDetail;
}

export type IdParseResult = ParsedIdNumber | IdParseFailure;

export type IdErrorCode =
  'idcard.empty' | 'idcard.length' | 'idcard.character' | 'idcard.area' | 'idcard.date' | 'idcard.checksum';

const FIELD = 'idNumber';

/**
 * Province-level codes, the first two digits of a GB/T 2260 address code. Source: GB/T 2260
 * 《中华人民共和国行政区划代码》 (as published by the Ministry of Civil Affairs, 2020 edition),
 * plus 83 which is not in GB/T 2260 but is the address-code prefix that residence permits for
 * Taiwan residents (台湾居民居住证, 830000) use; those permits follow GB 11643 and are accepted
 * wherever an ID number is, vaccination registration included (81/82 serve the same role for
 * Hong Kong and Macao permits). Retired codes need no entry: numbers keep the code they were
 * issued under, and Hainan (46, split from 44 in 1988) and Chongqing (50, split from 51 in 1997)
 * were carved out of provinces whose codes are still listed.
 */
export const PROVINCE_CODES: readonly string[] = [
  '11', // 北京
  '12', // 天津
  '13', // 河北
  '14', // 山西
  '15', // 内蒙古
  '21', // 辽宁
  '22', // 吉林
  '23', // 黑龙江
  '31', // 上海
  '32', // 江苏
  '33', // 浙江
  '34', // 安徽
  '35', // 福建
  '36', // 江西
  '37', // 山东
  '41', // 河南
  '42', // 湖北
  '43', // 湖南
  '44', // 广东
  '45', // 广西
  '46', // 海南
  '50', // 重庆
  '51', // 四川
  '52', // 贵州
  '53', // 云南
  '54', // 西藏
  '61', // 陕西
  '62', // 甘肃
  '63', // 青海
  '64', // 宁夏
  '65', // 新疆
  '71', // 台湾
  '81', // 香港 (also Hong Kong residence permits)
  '82', // 澳门 (also Macao residence permits)
  '83', // Taiwan residence permits (see above)
];

// Indexed by the two-digit number so the hot path is one array read.
const PROVINCE_TABLE = new Uint8Array(100);
for (const code of PROVINCE_CODES) PROVINCE_TABLE[Number(code)] = 1;

export function isProvinceCode(twoDigits: string): boolean {
  if (twoDigits.length !== 2) return false;
  const a = twoDigits.charCodeAt(0) - 48;
  const b = twoDigits.charCodeAt(1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 && PROVINCE_TABLE[a * 10 + b] === 1;
}

// ISO 7064 MOD 11-2: weight of position i (1-based from the left, 17 data positions) is
// 2^(18-i) mod 11; the check character makes the weighted sum including it ≡ 1 (mod 11).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character of 17 ASCII digits already known to be digits; no validation. */
function checkCharUnchecked(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The GB 11643-1999 check character ('0'-'9' or 'X') of the first 17 digits of an ID number,
 * computed with ISO 7064:1983 MOD 11-2.
 */
export function checkCharacter(first17: string): string {
  if (first17.length !== 17 || !allDigits(first17, 0, 17)) {
    throw new RangeError(`checkCharacter needs exactly 17 ASCII digits, got ${JSON.stringify(first17)}`);
  }
  return checkCharUnchecked(first17);
}

const X = 88; // 'X'

/**
 * The number as typed or pasted, made comparable: whitespace of any kind removed (including
 * U+3000 ideographic space, NBSP and the zero-width characters spreadsheets and chat apps
 * leave behind), full-width digits made ASCII, and x / full-width Ｘ ｘ made 'X'.
 */
export function normalizeIdNumber(input: string): string {
  // Nearly every input is already clean; recognise that without building a new string.
  let clean = true;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === X)) {
      clean = false;
      break;
    }
  }
  if (clean) return input;

  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === X) out += input.charAt(i);
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c === 120 || c === 0xff38 || c === 0xff58) out += 'X';
    else if (isInvisible(c)) continue;
    else out += input.charAt(i);
  }
  return out;
}

const WHITESPACE_RE = /\s/;

function isInvisible(c: number): boolean {
  // \s covers ASCII whitespace, NBSP, U+3000, U+FEFF and the Unicode space separators;
  // zero-width space/joiners and word joiner are not whitespace to JS but are just as invisible.
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || WHITESPACE_RE.test(String.fromCharCode(c));
}

function fail(code: IdErrorCode, message: Bilingual): IdParseFailure {
  return { ok: false, error: { code, message, field: FIELD } };
}

// `today` is the same for every row of an import; remember its parse.
let memoToday = '';
let memoTodayKey = 0;

function todayKey(today: CalendarDate): number {
  if (today !== memoToday) {
    const p = parseDate(today);
    if (!p) throw new RangeError(`not a calendar date: ${today}`);
    memoTodayKey = p.year * 10000 + p.month * 100 + p.day;
    memoToday = today;
  }
  return memoTodayKey;
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  // Control and other invisible characters print as nothing; show their code point instead.
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}

/**
 * Reads an ID number: normalizes it, checks it, and returns what it says (birth date, sex, area
 * code) or the first thing wrong with it. Checks run in the order empty, characters and length,
 * area, date, checksum, so a number typed into the wrong column reads as a character error
 * rather than a length error, and a checksum error means everything else looked right. A birth
 * date after `today` (the campaign's "now", never the wall clock) is refused.
 */
export function parseIdNumber(input: string, today: CalendarDate): IdParseResult {
  const tKey = todayKey(today);
  const s = normalizeIdNumber(input);
  const len = s.length;
  if (len === 0) return fail('idcard.empty', { zh: '身份证号为空', en: 'The ID number is empty' });

  // A character that can appear nowhere is reported before the length: it explains the length.
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== X) {
      const ch = describeChar(String.fromCodePoint(s.codePointAt(i) ?? c));
      return fail('idcard.character', {
        zh: `身份证号第${i + 1}位“${ch}”不是数字`,
        en: `Character ${i + 1} of the ID number ("${ch}") is not a digit`,
      });
    }
  }
  if (len !== 18 && len !== 15) {
    return fail('idcard.length', {
      zh: `身份证号应为18位（1999年前签发的旧号为15位），实际为${len}位`,
      en: `An ID number has 18 characters (15 for one issued before 1999); this one has ${len}`,
    });
  }
  const xAt = s.indexOf('X');
  if (xAt !== -1 && !(len === 18 && xAt === 17)) {
    return fail('idcard.character', {
      zh: `身份证号第${xAt + 1}位不能是X：只有18位号码的最后一位（校验码）可以是X`,
      en: `Character ${xAt + 1} of the ID number cannot be X: only the last (check) character of an 18-character number can`,
    });
  }

  if (PROVINCE_TABLE[digitAt(s, 0) * 10 + digitAt(s, 1)] !== 1) {
    const p = s.slice(0, 2);
    return fail('idcard.area', {
      zh: `身份证号前两位“${p}”不是有效的省级行政区划代码`,
      en: `The first two digits of the ID number ("${p}") are not a province-level division code`,
    });
  }

  const upgraded = len === 15;
  // A 15-digit number carries YYMMDD from position 7; GB 11643-1999 upgrades it as 19YYMMDD.
  const year = upgraded
    ? 1900 + digitAt(s, 6) * 10 + digitAt(s, 7)
    : digitAt(s, 6) * 1000 + digitAt(s, 7) * 100 + digitAt(s, 8) * 10 + digitAt(s, 9);
  const m0 = upgraded ? 8 : 10;
  const month = digitAt(s, m0) * 10 + digitAt(s, m0 + 1);
  const day = digitAt(s, m0 + 2) * 10 + digitAt(s, m0 + 3);
  const birthKey = year * 10000 + month * 100 + day;
  if (!isRealDate(year, month, day) || birthKey < 19000101 || birthKey > tKey) {
    const digits = upgraded ? s.slice(6, 12) : s.slice(6, 14);
    const why: Bilingual = !isRealDate(year, month, day)
      ? { zh: '不是有效日期', en: 'is not a real date' }
      : birthKey < 19000101
        ? { zh: '早于1900年1月1日', en: 'is before 1900-01-01' }
        : { zh: `晚于今天（${today}）`, en: `is after today (${today})` };
    return fail('idcard.date', {
      zh: `身份证号中的出生日期${digits}${why.zh}`,
      en: `The birth date in the ID number (${digits}) ${why.en}`,
    });
  }

  let normalized: string;
  if (upgraded) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    normalized = first17 + checkCharUnchecked(first17);
  } else {
    const expected = checkCharUnchecked(s);
    const actual = s.charAt(17);
    if (actual !== expected) {
      return fail('idcard.checksum', {
        zh: `身份证号校验码错误：最后一位应为“${expected}”，实际为“${actual}”`,
        en: `The ID number's check character is wrong: the last character should be "${expected}", not "${actual}"`,
      });
    }
    normalized = s;
  }

  return {
    ok: true,
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    sex: digitAt(normalized, 16) % 2 === 1 ? 'M' : 'F',
    areaCode: normalized.slice(0, 6),
    upgradedFrom15: upgraded,
  };
}

/** parseIdNumber for callers that refuse rather than report: throws an invalid-input GridvaxError. */
export function requireIdNumber(input: string, today: CalendarDate): ParsedIdNumber {
  const r = parseIdNumber(input, today);
  if (!r.ok) throw invalidInput(r.error);
  return r;
}

/**
 * A valid 18-character ID number from its parts, for the demo generator and tests. `sequence`
 * (0..999) is the 3-digit sequence code; its parity is the sex (odd male, even female).
 * Throws RangeError when the parts could not make a number parseIdNumber accepts (except that
 * it cannot know `today`, so a future birth date is the caller's business).
 */
export function composeIdNumber(areaCode: string, birthDate: CalendarDate, sequence: number): string {
  if (areaCode.length !== 6 || !allDigits(areaCode, 0, 6) || !isProvinceCode(areaCode.slice(0, 2))) {
    throw new RangeError(`not a 6-digit area code with a province prefix: ${JSON.stringify(areaCode)}`);
  }
  // YYYY-MM-DD read by hand: parseDate's regex is the slowest step when composing 800,000 numbers.
  if (
    birthDate.length !== 10 ||
    birthDate.charCodeAt(4) !== 45 ||
    birthDate.charCodeAt(7) !== 45 ||
    !allDigits(birthDate, 0, 4) ||
    !allDigits(birthDate, 5, 7) ||
    !allDigits(birthDate, 8, 10)
  ) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(birthDate)}`);
  }
  const year = Number(birthDate.slice(0, 4));
  if (year < 1900 || !isRealDate(year, Number(birthDate.slice(5, 7)), Number(birthDate.slice(8, 10)))) {
    throw new RangeError(`not a calendar date from 1900 on: ${birthDate}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999, got ${sequence}`);
  }
  const seq = sequence < 10 ? `00${sequence}` : sequence < 100 ? `0${sequence}` : `${sequence}`;
  const first17 = areaCode + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + seq;
  return first17 + checkCharUnchecked(first17);
}

/**
 * The number as lists and screens may show it: the area code and the last four characters,
 * the rest (birth date and most of the sequence) starred, e.g. 430321********123X. The input is
 * normalized first; anything too short to keep both ends is starred completely so that a
 * malformed value never shows more than a well-formed one.
 */
export function maskIdNumber(idNumber: string): string {
  const s = normalizeIdNumber(idNumber);
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
