import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvRecords, sniffDelimiter } from '../../src/app/imports/csvRecords.js';
import { detectEncoding, encodingFromName } from '../../src/app/imports/encoding.js';
import { cellText, openTable, type TableRow } from '../../src/app/imports/tableReader.js';
import { fixture } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'gridvax-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(path: string, encoding?: string): Promise<{ sheet: string; rows: TableRow[] }[]> {
  const table = await openTable(path, encoding === undefined ? {} : { encoding });
  const out: { sheet: string; rows: TableRow[] }[] = [];
  for await (const sheet of table.sheets) {
    const rows: TableRow[] = [];
    for await (const batch of sheet.rows) rows.push(...batch);
    out.push({ sheet: sheet.name, rows });
  }
  return out;
}

/** Feeds text to the CSV reader in pieces of `step` characters, as a stream would. */
function parse(text: string, step: number, delimiter = ','): string[][] {
  const p = new CsvRecords(delimiter);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += step) out.push(...p.feed(text.slice(i, i + step)));
  out.push(...p.end());
  return out;
}

describe('CSV records', () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""",\n"two\nlines",plain"quote,z\n\nlast,row';
  const expected = [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', ''],
    ['two\nlines', 'plain"quote', 'z'],
    [''],
    ['last', 'row'],
  ];

  it('reads quotes, CRLF, a field over two lines, an empty line and a last line without a break', () => {
    expect(parse(text, text.length)).toEqual(expected);
  });

  it('reads the same whatever the chunk boundaries', () => {
    for (const step of [1, 2, 3, 5, 7, 11]) expect(parse(text, step)).toEqual(expected);
  });

  it('tells the delimiter from the first lines', () => {
    expect(sniffDelimiter('姓名,身份证号\n张三,1\n')).toBe(',');
    expect(sniffDelimiter('姓名\t身份证号\t"a,b"\n张三\t1\t2\n')).toBe('\t');
    expect(sniffDelimiter('姓名;身份证号;村\n')).toBe(';');
  });
});

describe('encodings', () => {
  it('detects UTF-8 with and without a BOM, GBK as GB18030, and UTF-16 by its BOM', async () => {
    const text = '姓名,身份证号\n张三,430321195003010118\n';
    const files = {
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      plain: Buffer.from(text),
      gbk: iconv.encode(text, 'gbk'),
      utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll(',', '\t'), 'utf16le')]),
    };
    const detected: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, bytes);
      detected[name] = (await detectEncoding(path)).encoding;
      const [sheet] = await rowsOf(path);
      expect(sheet?.rows.map((r) => r.cells)).toEqual([
        ['姓名', '身份证号'],
        ['张三', '430321195003010118'],
      ]);
    }
    expect(detected).toEqual({ bom: 'utf-8', plain: 'utf-8', gbk: 'gb18030', utf16: 'utf-16le' });
  });

  it('detects GBK even when the first megabyte is plain ASCII', async () => {
    const path = join(dir, 'late.csv');
    const ascii = 'name,idNumber\n' + 'a,430321195003010118\n'.repeat(60_000);
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(ascii), iconv.encode('张三,430321195206180221\n', 'gbk')]),
    );
    expect((await detectEncoding(path)).encoding).toBe('gb18030');
  });

  it('reads the GBK fixture and takes --encoding over detection', async () => {
    expect(await detectEncoding(fixture('register-gbk.csv'))).toEqual({
      encoding: 'gb18030',
      how: 'not utf-8',
    });
    const [sheet] = await rowsOf(fixture('register-gbk.csv'));
    expect(sheet?.rows[1]?.cells.slice(0, 3)).toEqual(['姓名', '公民身份号码', '性别']);
    const [forced] = await rowsOf(fixture('register-gbk.csv'), 'gbk');
    expect(forced?.rows[2]?.cells[0]).toBe('欧阳明');
    expect(encodingFromName('GB2312')).toBe('gbk');
    expect(encodingFromName('UTF8')).toBe('utf-8');
    expect(() => encodingFromName('klingon')).toThrow(/klingon/);
  });
});

describe('xlsx made by LibreOffice', () => {
  it('streams the sheets: merged title rows as text in their first cell, dates as dates, numbers as shown', async () => {
    const sheets = await rowsOf(fixture('register-merged-title.xlsx'));
    expect(sheets.map((s) => s.sheet)).toEqual(['花名册', '填表说明']);
    const rows = sheets[0]?.rows ?? [];
    expect(rows[0]?.cells[0]).toBe('锦石乡金湖村居民花名册');
    expect(rows[1]?.cells[0]).toBe('（2021年8月 金湖村村委会）'); // rich text runs joined
    expect(rows[3]?.cells).toEqual([
      '黄忠',
      '430321195505052019',
      '男',
      '1955-05-05',
      '13807320201',
      '金湖村',
      '一组',
      '户主',
      '金湖村一组1号',
    ]);
    // An 18-digit ID number typed into a number cell: flagged, its digits already wrong.
    expect(rows[7]).toMatchObject({ n: 8, imprecise: [1] });
    expect(rows[7]?.cells[1]).not.toBe('430321194404042415');
  });

  it('tells a workbook from a CSV by its bytes, and refuses an old .xls', async () => {
    const renamed = join(dir, 'really-a-workbook.csv');
    writeFileSync(renamed, readFileSync(fixture('register-gbk.xlsx')));
    expect((await openTable(renamed)).format).toBe('xlsx');
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(openTable(xls)).rejects.toThrow(/xls/);
    await expect(openTable(join(dir, 'missing.csv'))).rejects.toMatchObject({
      detail: { code: 'import.file' },
    });
  });

  it('shows a cell value as the sheet would', () => {
    expect(cellText(12.300000000000001)).toBe('12.3');
    expect(cellText({ formula: 'A1&B1', result: '张三' })).toBe('张三');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText(new Date(Date.UTC(1950, 2, 1)))).toBe('1950-03-01');
    expect(cellText(null)).toBe('');
  });
});
