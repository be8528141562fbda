import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDoseColumnMap } from '../../src/app/imports/doseHeaders.js';
import { parseColumnMap } from '../../src/app/imports/headers.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import { importResidents } from '../../src/app/imports/importResidents.js';
import { composeIdNumber } from '../../src/domain/idcard.js';
import { openStore, type Store } from '../../src/store/openStore.js';
import { brokenWorkbook } from './brokenWorkbooks.js';
import { storedZip, workbookParts } from './storedZip.js';
import { fuzzParams } from './fuzzParams.js';
import {
  csvOf,
  csvText,
  damage,
  encodedFile,
  LEDGER_HEADER,
  ledgerRow,
  randomBytes,
  REGISTER_HEADER,
  registerRow,
} from './importFiles.js';
import { dosesImportHolds, importBench, residentsImportHolds, type ImportBench } from './importCheck.js';

/**
 * The register and ledger importers on SQLite, fed what the field sends and worse. Each run
 * is checked by importCheck.ts: success with exact counts, or gridvax's own error and nothing
 * written. `timeout` makes a hang a failure of the run rather than of the suite.
 */
const PER_RUN = { timeout: 20_000 };

describe('fuzz: importing files [sqlite]', () => {
  let dir: string;
  let store: Store;
  let b: ImportBench;
  let n = 0;
  const next = (ext: string) => `f${++n}.${ext}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-fuzz-db-'));
    store = await openStore({ dialect: 'sqlite', target: join(dir, 'gridvax.db'), isDefault: false });
    b = await importBench(store);
  });
  afterAll(async () => {
    b.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('random bytes, as a register and as a ledger: refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(randomBytes, fc.boolean(), async (bytes, asLedger) => {
        const path = b.file(next('csv'), bytes);
        const outcome = asLedger ? await dosesImportHolds(b, path) : await residentsImportHolds(b, path);
        // Random bytes never hold the header's words.
        expect(outcome).toBe('refused');
      }),
      fuzzParams(80, PER_RUN),
    );
  });

  it('registers in any encoding, declared rightly or wrongly, cut short or with bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        encodedFile(csvOf(REGISTER_HEADER, registerRow)),
        fc.boolean(),
        async ({ bytes, declared }, dryRun) => {
          const path = b.file(next('csv'), bytes);
          await residentsImportHolds(b, path, { dryRun, ...(declared ? { encoding: declared } : {}) });
        },
      ),
      fuzzParams(100, PER_RUN),
    );
  });

  it('ledgers in any encoding, declared rightly or wrongly, cut short or with bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        encodedFile(csvOf(LEDGER_HEADER, ledgerRow(b.ids))),
        fc.boolean(),
        async ({ bytes, declared }, dryRun) => {
          const path = b.file(next('csv'), bytes);
          await dosesImportHolds(b, path, { dryRun, ...(declared ? { encoding: declared } : {}) });
        },
      ),
      fuzzParams(100, PER_RUN),
    );
  });

  it('workbooks with broken XML, missing parts, bad references', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          brokenWorkbook(REGISTER_HEADER).map((w) => ({ w, asLedger: false })),
          brokenWorkbook(LEDGER_HEADER).map((w) => ({ w, asLedger: true })),
        ),
        async ({ w, asLedger }) => {
          const path = b.file(next('xlsx'), w);
          if (asLedger) await dosesImportHolds(b, path);
          else await residentsImportHolds(b, path);
        },
      ),
      fuzzParams(100, PER_RUN),
    );
  });

  it('real workbooks (written by exceljs) cut short or with bytes changed', async () => {
    const rows = fc.sample(registerRow, { numRuns: 30, seed: 7 });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRows([REGISTER_HEADER, ...rows]);
    wb.addWorksheet('填表说明').addRow(['说明']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    await fc.assert(
      fc.asyncProperty(damage(good), async (bytes) => {
        await residentsImportHolds(b, b.file(next('xlsx'), bytes));
      }),
      fuzzParams(40, PER_RUN),
    );
  });

  it('a workbook whose compressed data is damaged is refused, not waited on forever', async () => {
    // exceljs waited for the broken entry to end, inside the import's transaction: the store
    // stayed locked and every later write waited too.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRows([REGISTER_HEADER, ...fc.sample(registerRow, { numRuns: 30, seed: 7 })]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const entry = 'xl/worksheets/sheet1.xml';
    const name = bytes.indexOf(entry);
    const data = name + entry.length + bytes.readUInt16LE(name - 2);
    bytes[data + 40] = (bytes[data + 40] as number) ^ 0x55;
    const path = b.file(next('xlsx'), bytes);
    await expect(importResidents(store, { file: path, county: '430321' })).rejects.toMatchObject({
      detail: { code: 'import.unreadable' },
    });
    expect(await residentsImportHolds(b, path)).toBe('refused');
  });

  it('a workbook of many sheets with workbook.xml last (as exceljs writes), some hidden: the register on its last sheet is read', async () => {
    // The unzipper's early 'end' made exceljs drop the entries after the fifth sheet, workbook.xml
    // among them: the file was refused as damaged.
    const wb = new ExcelJS.Workbook();
    for (let i = 0; i < 11; i++) {
      const notes = wb.addWorksheet(`说明${i}`);
      if (i % 2 === 1) notes.state = 'hidden';
      notes.addRow(['填表说明']);
    }
    const id = composeIdNumber('430321', '1975-05-05', 901);
    wb.addWorksheet('花名册').addRows([
      REGISTER_HEADER,
      ['赵六', id, '', '', '', '锦石乡', '锦石村', '网格001', '', '', ''],
    ]);
    const path = b.file(next('xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const s = await importResidents(store, { file: path, county: '430321', dryRun: true });
    expect(s).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
    expect(s.sheetsSkipped).toHaveLength(6);
  });

  it('a sheet named with apostrophes at its ends still gets a validation report Excel opens', async () => {
    // The report copies the input's sheet names; one beginning with an apostrophe is refused.
    const cells = [...REGISTER_HEADER, '张三', '43032119800101001X', '锦石乡', '锦石村'];
    const strings = cells.map((t) => `<si><t>${t}</t></si>`).join('');
    const at = (row: number, i: number, s: number) =>
      `<c r="${String.fromCharCode(65 + i)}${row}" t="s"><v>${s}</v></c>`;
    const sheet =
      `<row r="1">${REGISTER_HEADER.map((_, i) => at(1, i, i)).join('')}</row>` +
      `<row r="2">${at(2, 0, 11)}${at(2, 1, 12)}${at(2, 5, 13)}${at(2, 6, 14)}</row>`;
    const path = b.file(next('xlsx'), storedZip(workbookParts(sheet, strings, "'花名册'")));
    const report = `${path}.report.xlsx`;
    const s = await importResidents(store, { file: path, county: '430321', report: { path: report } });
    expect(s.rejected).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    expect(wb.worksheets[0]?.name).toBe('花名册');
  });

  it('a workbook exceljs cannot make sense of is refused as damaged, in words a clerk reads', async () => {
    // Cells without their address (r="A1"): exceljs fails with "Cannot read properties of undefined".
    const sheet = `<row r="1">${REGISTER_HEADER.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`;
    const strings = REGISTER_HEADER.map((h) => `<si><t>${h}</t></si>`).join('');
    const path = b.file(next('xlsx'), storedZip(workbookParts(sheet, strings)));
    await expect(importResidents(store, { file: path, county: '430321' })).rejects.toMatchObject({
      detail: { code: 'import.unreadable', file: expect.any(String) },
      message: expect.stringContaining('the file is damaged'),
    });
  });

  it('a 1 MB cell in the columns kept or matched, a 1 MB line, thousands of columns', async () => {
    const big = '张'.repeat(1 << 20);
    const withBig = (header: string[], rows: string[][], col: string) =>
      csvText([
        header,
        ...rows.map((r, i) => (i === 2 ? r.map((c, j) => (header[j] === col ? big : c)) : r)),
      ]);
    const rows = fc.sample(registerRow, { numRuns: 5, seed: 11 });
    const cases: [string, string][] = ['姓名', '身份证号码', '村（社区）', '网格', '户号', '现住址'].map(
      (h) => [`1 MB in ${h}`, withBig(REGISTER_HEADER, rows, h)],
    );
    cases.push(
      ['a 1 MB line without a break', csvText([REGISTER_HEADER]) + 'a,'.repeat(1 << 19)],
      ['a 1 MB quoted field never closed', csvText([REGISTER_HEADER]) + `"${big}`],
      [
        '20,000 columns',
        csvText([[...REGISTER_HEADER, ...Array.from({ length: 20_000 }, (_, i) => `列${i}`)], ...rows]),
      ],
      ['a header of 20,000 copies of 姓名', csvText([Array.from({ length: 20_000 }, () => '姓名'), ...rows])],
    );
    for (const [what, text] of cases) {
      const outcome = await residentsImportHolds(b, b.file(next('csv'), text));
      expect(['imported', 'refused'], what).toContain(outcome);
    }
    const ledger = fc.sample(ledgerRow(b.ids), { numRuns: 5, seed: 11 });
    for (const h of ['姓名', '身份证号', '疫苗名称', '批号', '接种单位']) {
      await dosesImportHolds(b, b.file(next('csv'), withBig(LEDGER_HEADER, ledger, h)));
    }
    // The same in a workbook: a 1 MB shared string, and a row 5,000 cells wide.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRows([
      [...REGISTER_HEADER, ...Array.from({ length: 5000 }, (_, i) => `列${i}`)],
      ...rows.map((r, i) =>
        i === 1 ? [big, ...r.slice(1)] : i === 2 ? [...r, ...Array.from({ length: 5000 }, () => 'x')] : r,
      ),
    ]);
    await residentsImportHolds(b, b.file(next('xlsx'), Buffer.from(await wb.xlsx.writeBuffer())));
  }, 120_000);

  it('--map: any JSON (or not JSON) is a map or a clear refusal', () => {
    const text = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constantFrom(
        '{"__proto__":{"x":"name"}}',
        '{"constructor":"name"}',
        '{"toString":"idNumber"}',
        '[]',
        'null',
      ),
      fc
        .dictionary(
          fc.string({ maxLength: 6 }),
          fc.oneof(fc.constantFrom('name', 'idNumber', 'dose1', '姓名'), fc.jsonValue()),
        )
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(text, (s) => {
        for (const parse of [parseColumnMap, parseDoseColumnMap]) {
          try {
            parse(s);
          } catch (e) {
            expect(isGridvaxError(e), String(e)).toBe(true);
          }
        }
      }),
      fuzzParams(1000),
    );
  });
});
