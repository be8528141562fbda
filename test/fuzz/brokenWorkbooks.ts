import fc from 'fast-check';
import { LEDGER_HEADER, REGISTER_HEADER } from './importFiles.js';
import { storedZip, workbookParts } from './storedZip.js';

/**
 * Workbooks with broken insides, well zipped: cells of any type and value, references to
 * shared strings that are not there, addresses and row numbers out of Excel's range, junk XML,
 * parts missing, odd sheet names. Some have a register's or a ledger's header, so that they
 * get past header detection into the rows.
 */

const xmlEscape = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

/** Mostly what a row's cells should say (column letter and row number), now and then nonsense. */
const cellRef = (row: number, column: number): fc.Arbitrary<string | null> =>
  fc.oneof(
    { arbitrary: fc.constant(`${String.fromCharCode(65 + (column % 26))}${row}`), weight: 8 },
    fc.constantFrom('A1', 'XFD1', 'XFE1', 'A0', 'A-1', 'ZZZZ9', '1A', '', 'A1048577', 'A99999999999'),
    fc.string({ maxLength: 6 }),
    fc.constant(null),
  );

/** A <c> element: any type, any value, sometimes a reference to a shared string that is not there. */
const xmlCell = (row: number, column: number): fc.Arbitrary<string> =>
  fc
    .record({
      r: cellRef(row, column),
      t: fc.option(fc.constantFrom('s', 'str', 'inlineStr', 'n', 'b', 'e', 'd', 'x')),
      v: fc.oneof(
        fc.constantFrom('0', '1', '2', '-1', '99999999', '1e308', 'NaN', '', '430321195003010118', '44378.5'),
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...REGISTER_HEADER, ...LEDGER_HEADER),
      ),
      s: fc.option(fc.constantFrom('0', '1', '999', '-1')),
    })
    .map(({ r, t, v, s }) => {
      const attrs = `${r === null ? '' : ` r="${xmlEscape(r)}"`}${t === null ? '' : ` t="${t}"`}${s === null ? '' : ` s="${s}"`}`;
      return t === 'inlineStr'
        ? `<c${attrs}><is><t>${xmlEscape(v)}</t></is></c>`
        : `<c${attrs}><v>${xmlEscape(v)}</v></c>`;
    });

const xmlRow = fc
  .oneof(
    { arbitrary: fc.integer({ min: 2, max: 20 }), weight: 6 },
    fc.constantFrom(1, 0, -5, 1048577, 99999999999),
  )
  .chain((n) =>
    fc.tuple(
      fc.oneof({ arbitrary: fc.constant(String(n)), weight: 6 }, fc.constantFrom(null, 'x', '')),
      fc
        .array(fc.nat({ max: 12 }), { maxLength: 8 })
        .chain((cols) => fc.tuple(...cols.map((c) => xmlCell(n, c)))),
    ),
  )
  .map(([r, cells]) => `<row${r === null ? '' : ` r="${r}"`}>${cells.join('')}</row>`);

/** A header row of shared strings 0.. so that some workbooks get past header detection. */
const headerRow = (header: readonly string[]): string =>
  `<row r="1">${header.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`;

const junkXml = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '<row>',
    '</sheetData><sheetData>',
    '<![CDATA[',
    '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
    '&#0;',
    '&bogus;',
  ),
);

/** A one-sheet workbook, well zipped, with a sheet and shared strings of any shape. */
export const brokenWorkbook = (header: readonly string[]): fc.Arbitrary<Buffer> =>
  fc
    .record({
      withHeader: fc.boolean(),
      rows: fc.array(xmlRow, { maxLength: 6 }),
      junk: fc.option(junkXml, { freq: 2 }),
      extra: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      // Half the workbooks keep every part.
      drop: fc.option(
        fc.constantFrom(
          'xl/workbook.xml',
          'xl/sharedStrings.xml',
          'xl/worksheets/sheet1.xml',
          '[Content_Types].xml',
        ),
        { freq: 2 },
      ),
      sheetName: fc.constantFrom('Sheet1', '花名册', '', 'a"b', 'x'.repeat(40)),
    })
    .map(({ withHeader, rows, junk, extra, drop, sheetName }) => {
      const strings = [...header, ...extra].map((s) => `<si><t>${xmlEscape(s)}</t></si>`).join('');
      const sheet = (withHeader ? headerRow(header) : '') + rows.join('') + (junk ?? '');
      const parts = workbookParts(sheet, strings, xmlEscape(sheetName)).filter((p) => p.name !== drop);
      return storedZip(parts);
    });
