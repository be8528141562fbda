import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { importResidents } from '../../src/app/imports/importResidents.js';
import { composeIdNumber } from '../../src/domain/idcard.js';
import type { Store } from '../../src/store/openStore.js';
import { signedIn, type Session } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { fuzzParams } from './fuzzParams.js';
import { dosesImportHolds, importBench, residentsImportHolds, type ImportBench } from './importCheck.js';
import {
  csvOf,
  csvText,
  FORMULAS,
  LEDGER_HEADER,
  ledgerRow,
  REGISTER_HEADER,
  registerRowOf,
} from './importFiles.js';

/**
 * Cells that reach the database: NUL and control characters, text longer than an index entry,
 * formulas. On both engines, since they differ exactly there (PostgreSQL refuses U+0000 in
 * text, SQLite stores it). A third of the cells are hostile, so most files mix good rows
 * with bad ones: the good ones stored, the bad reported, or nothing stored at all.
 */
const PER_RUN = { timeout: 20_000 };

describeEachStore('fuzz: hostile cells in registers and ledgers', (c) => {
  let store: Store;
  let b: ImportBench;
  let n = 0;

  beforeAll(async () => {
    store = await c.fresh();
    b = await importBench(store);
  });
  afterAll(async () => {
    b.close();
    await c.cleanup();
  });

  it('a register: its good rows stored and counted exactly, or nothing at all', async () => {
    await fc.assert(
      fc.asyncProperty(csvOf(REGISTER_HEADER, registerRowOf(2)), async (text) => {
        await residentsImportHolds(b, b.file(`r${++n}.csv`, text));
      }),
      fuzzParams(c.dialect === 'sqlite' ? 60 : 30, PER_RUN),
    );
  });

  it('a ledger: its good doses stored and counted exactly, or nothing at all', async () => {
    await fc.assert(
      fc.asyncProperty(csvOf(LEDGER_HEADER, ledgerRow(b.ids, 2)), async (text) => {
        await dosesImportHolds(b, b.file(`d${++n}.csv`, text));
      }),
      fuzzParams(c.dialect === 'sqlite' ? 60 : 30, PER_RUN),
    );
  });

  it('a NUL in a cell refuses the file, naming the row, on both engines alike (PostgreSQL failed on it)', async () => {
    const id = composeIdNumber('430321', '1970-01-01', 801);
    const row = ['张三', id, '男', '', '', '锦石乡', '锦石村', '网格001', '0001', '户主', '锦石村一组12号'];
    const register = b.file(
      'nul.csv',
      csvText([REGISTER_HEADER, row, row.map((c, i) => (i === 0 ? '李\u0000四' : c))]),
    );
    await expect(importResidents(store, { file: register, county: '430321' })).rejects.toMatchObject({
      detail: { code: 'import.nul', row: 3, file: 'nul.csv' },
    });
    expect(await residentsImportHolds(b, register)).toBe('refused');
    const ledger = b.file(
      'nul-doses.csv',
      csvText([LEDGER_HEADER, ['', b.ids[0] as string, '2021-07-01', '', '北京生物', 'A\u0000', '']]),
    );
    expect(await dosesImportHolds(b, ledger)).toBe('refused');
    // UTF-16 without its byte-order mark is where NULs come from: the message says what to do.
    const utf16 = b.file('utf16.csv', Buffer.from(csvText([REGISTER_HEADER, row]), 'utf16le'));
    await expect(importResidents(store, { file: utf16, county: '430321' })).rejects.toThrow(
      '--encoding utf-16le',
    );
    expect(await residentsImportHolds(b, utf16, { encoding: 'utf-16le' })).toBe('imported');
  });

  it('grid names no sheet may carry: control characters removed as read, apostrophes kept off sheet names', async () => {
    // A grid cell of U+001F or DEL made a grid named by it, exceljs dropped the character when
    // writing, and the village's ledger had a sheet without a name; a grid named '三组' (quoted)
    // gave a sheet name beginning with an apostrophe. Excel refuses both workbooks.
    const grids = ['\u001f', '网格\u0001九', '\u007f', "'三组'", "'"];
    const rows = grids.map((grid, i) => [
      `张\u0002${'三四五六七'[i] as string}`,
      composeIdNumber('430321', '1980-02-02', 700 + i),
      '',
      '',
      '',
      '锦石乡',
      '锦石村',
      grid,
      '',
      '',
      '',
    ]);
    await importResidents(store, {
      file: b.file('controls.csv', csvText([REGISTER_HEADER, ...rows])),
      county: '430321',
    });
    const places = await store.db
      .selectFrom('places')
      .select(['code', 'name'])
      .where('level', '=', 'grid')
      .execute();
    const people = await store.db.selectFrom('residents').select('name').execute();
    const controls = [...places, ...people].filter((r) =>
      [...r.name].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f'),
    );
    expect(controls).toEqual([]);
    expect(places.map((p) => p.name)).toContain("'三组'");
    const app = await buildServer(store);
    try {
      const session = await signedIn(app, store, 'commander', ['430321'], `fz-ctl-${c.dialect}`);
      const campaign = (await store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id;
      for (const url of [
        `/api/v1/exports/ledger?campaign=${campaign}&place=430321205206`,
        `/api/v1/exports/ledgers?campaign=${campaign}&place=430321205206`,
        `/api/v1/reports/daily?campaign=${campaign}&date=2021-08-09&place=430321205206&format=xlsx`,
      ]) {
        const res = await session.inject({ method: 'GET', url });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        await cellTexts(res.rawPayload);
      }
    } finally {
      await app.close();
    }
  });

  it('formula-looking names and addresses are stored as the text they are; ledgers and the validation report write them as text cells, never formulas', async () => {
    // A name may not hold digits (nor keep a dot beside Chinese: it becomes ·), so the name
    // column gets formulas without them.
    const names = ['=HYPERLINK("http://evil/","点这里")', '@SUM(A:A)', '+张三', '-李四', '=王五'];
    const addresses = [...FORMULAS, '=CMD|\' /C calc\'!A0']; // prettier-ignore
    const rows = addresses.map((address, i) => {
      const id = composeIdNumber('430321', '1980-01-01', 500 + i);
      return [
        names[i % names.length] as string,
        id,
        '',
        '',
        '',
        '锦石乡',
        '锦石村',
        '网格001',
        '',
        '',
        address,
      ];
    });
    const path = b.file('formulas.csv', csvText([REGISTER_HEADER, ...rows]));
    const s = await importResidents(store, { file: path, county: '430321' });
    expect(s.rejected).toBe(0);
    // A row refused for its formula (a sex of =1+1): the validation report keeps the cell as text.
    const refused = [...(rows[0] as string[])];
    refused[1] = composeIdNumber('430321', '1980-01-01', 600);
    refused[2] = '=1+1';
    const reportPath = `${path}.report.xlsx`;
    const r = await importResidents(store, {
      file: b.file('formula-row.csv', csvText([REGISTER_HEADER, refused])),
      county: '430321',
      report: { path: reportPath },
    });
    expect(r.rejected).toBe(1);
    expect((await cellTexts(readFileSync(reportPath))).has('=1+1')).toBe(true);
    const stored = await store.db
      .selectFrom('residents')
      .innerJoin('households', (j) =>
        j
          .onRef('households.county_code', '=', 'residents.county_code')
          .onRef('households.id', '=', 'residents.household_id'),
      )
      .select(['residents.id_number', 'residents.name', 'households.address'])
      .where(
        'residents.id_number',
        'in',
        rows.map((r) => r[1] as string),
      )
      .orderBy('residents.id_number')
      .execute();
    // NFKC folds the full-width ＝ to = (what it is); the text is otherwise kept as typed.
    expect(stored.map((r) => [r.name, r.address])).toEqual(
      rows.map((r) => [r[0], (r[10] as string).normalize('NFKC').trim()]),
    );

    const app = await buildServer(store);
    try {
      const session: Session = await signedIn(app, store, 'commander', ['430321'], `fz-${c.dialect}`);
      const campaign = (await store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id;
      for (const kind of ['ledger', 'ledgers']) {
        const res = await session.inject({
          method: 'GET',
          url: `/api/v1/exports/${kind}?campaign=${campaign}&place=430321205206&unmasked=true`,
        });
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        const texts = await cellTexts(res.rawPayload);
        for (const name of names) expect(texts.has(name), `${kind}: ${name}`).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it("whatever the imports above stored, every village's ledger workbooks open, as text", async () => {
    // The fuzzed registers leave grids, names and addresses of every kind behind: the exports
    // of the villages they landed in are where a bad one shows (an unnamed sheet, a formula).
    const villages = await store.db
      .selectFrom('residents')
      .select((eb) => eb.fn('substr', ['grid_code', eb.val(1), eb.val(12)]).as('village'))
      .distinct()
      .execute();
    const app = await buildServer(store);
    try {
      const session = await signedIn(app, store, 'commander', ['430321'], `fz-all-${c.dialect}`);
      const campaign = (await store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id;
      for (const { village } of villages) {
        for (const kind of ['ledger', 'ledgers']) {
          const url = `/api/v1/exports/${kind}?campaign=${campaign}&place=${String(village)}&unmasked=true`;
          const res = await session.inject({ method: 'GET', url });
          expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
          await cellTexts(res.rawPayload);
        }
      }
    } finally {
      await app.close();
    }
  });
});

/** Every cell's text of a workbook; fails on any formula cell (a text that became one). */
async function cellTexts(bytes: Buffer): Promise<Set<string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Set<string>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') out.add(cell.value);
      }),
    );
  }
  return out;
}
