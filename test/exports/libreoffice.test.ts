import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_SHEETS, prepareCategorizedLedgers } from '../../src/app/exports/categorizedLedgers.js';
import { LEDGER_COLUMNS, prepareLedgerWorkbook } from '../../src/app/exports/ledgerWorkbook.js';
import { writeWorkbookFile } from '../../src/app/exports/workbookFile.js';
import { openStore, type Store } from '../../src/store/openStore.js';
import { exportCounty, NAMES, TOWNSHIP } from './exportCounty.js';

/** LibreOffice, when this machine has it; the check is skipped (and says so) otherwise. */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);

/**
 * Converts every sheet of a workbook to CSV with LibreOffice, headless, in a profile of its own
 * (so it never meets a LibreOffice someone else is running). The twelfth token of the CSV filter
 * options, -1, asks for all sheets (LibreOffice 7.2+): BOOK-SHEET.csv each.
 */
function toCsv(file: string, outDir: string, profile: string): Map<string, string[][]> {
  const r = spawnSync(
    SOFFICE as string,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  const out = new Map<string, string[][]>();
  for (const f of readdirSync(outDir).filter((x) => x.endsWith('.csv'))) {
    const sheet = f.replace(/^[^-]+-/, '').replace(/\.csv$/, '');
    const rows = readFileSync(join(outDir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(','));
    out.set(sheet, rows);
  }
  return out;
}

describe.skipIf(!SOFFICE)('export: the workbooks open in LibreOffice', () => {
  let dir: string;
  let store: Store;
  let campaignId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-lo-'));
    store = await openStore({ dialect: 'sqlite', target: join(dir, 'gridvax.db'), isDefault: false });
    campaignId = (await exportCounty(store)).campaignId;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every sheet of the close-out ledger: title, Chinese header, the rows we wrote', async () => {
    const { file } = await writeWorkbookFile(
      await prepareLedgerWorkbook(store, { campaignId, place: TOWNSHIP }),
      join(dir, 'ledger.xlsx'),
    );
    const sheets = toCsv(file, join(dir, 'ledger-csv'), join(dir, 'profile'));
    expect([...sheets.keys()].sort()).toEqual(['唐家湖村', '汇总', '销号记录', '锦石村'].sort());
    const village = sheets.get('锦石村') ?? [];
    expect(village[0]?.[0]).toContain('湘潭县锦石乡锦石村');
    expect(village[2]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(village.slice(3).map((r) => r[3])).toEqual([
      NAMES[0],
      NAMES[1],
      NAMES[6],
      NAMES[8],
      NAMES[3],
      NAMES[7],
      NAMES[10],
    ]);
    // Household numbers stay text (0001), ID numbers stay whole and masked.
    expect(village[3]?.[2]).toBe('0001');
    expect(village[3]?.[6]).toMatch(/^430321\*{8}\d{3}[\dX]$/);
  });

  it('reads every sheet of the categorized ledgers', async () => {
    const { file } = await writeWorkbookFile(
      await prepareCategorizedLedgers(store, { campaignId, place: TOWNSHIP }),
      join(dir, 'ledgers.xlsx'),
    );
    const sheets = toCsv(file, join(dir, 'ledgers-csv'), join(dir, 'profile'));
    expect([...sheets.keys()].sort()).toEqual([...CATEGORY_SHEETS].sort());
    expect((sheets.get('流入人口') ?? []).slice(3).map((r) => r[4])).toEqual([NAMES[7]]);
    expect((sheets.get('禁忌人员') ?? []).slice(3).map((r) => r[4])).toEqual([NAMES[5], NAMES[6]]);
  });
});
