import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { gridvax, jsonLines } from '../support/cli.js';
import { exportCounty, VILLAGE } from './exportCounty.js';
import { fhirErrors } from './fhirSchema.js';
import { openFile, table } from './readWorkbook.js';

/** The CLI tests run the built gridvax (npm run build) against a SQLite file made in-process. */
describe('CLI: gridvax export', () => {
  let dir: string;
  let db: string;
  let ids: string[];
  let campaign: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-export-cli-'));
    db = join(dir, 'gridvax.db');
    const store = await openStore({ dialect: 'sqlite', target: db, isDefault: false });
    try {
      const t = await exportCounty(store);
      ids = t.ids;
      campaign = String(t.campaignId);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => gridvax(['export', ...args, '--db', db]);

  it('writes the close-out ledger into a folder under its Chinese name, masked', async () => {
    const out = join(dir, 'ledger');
    mkdirSync(out);
    const r = run(['ledger', '--campaign', campaign, '--place', VILLAGE, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [done] = jsonLines(r.stdout);
    const file = join(out, '湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx');
    expect(done).toEqual({
      file,
      sheets: [
        { name: '汇总', rows: 3 },
        { name: '网格001', rows: 4 },
        { name: '网格002', rows: 3 },
        { name: '销号记录', rows: 1 },
      ],
    });
    expect(readdirSync(out)).toEqual(['湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx']);
    const wb = await openFile(file);
    expect(String(table(wb, '网格001').rows[0]?.['身份证号'])).toContain('*');
  });

  it('writes the categorized ledgers to a named file, in full with --unmasked', async () => {
    const file = join(dir, 'ledgers.xlsx');
    const r = run(['ledgers', '--campaign', campaign, '--place', VILLAGE, '--out', file, '--unmasked']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已导出 exported: ${file}`);
    expect(r.stdout).toContain('户籍人口: 8');
    const wb = await openFile(file);
    expect(table(wb, '户籍人口').rows[0]?.['身份证号']).toBe(ids[0]);
  });

  it('writes FHIR NDJSON, the Bundle and the CodeSystem into a new folder', () => {
    const out = join(dir, 'fhir', 'xiangtan');
    const r = run(['fhir', '--place', '430321', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ dir: out, patients: 11, immunizations: 3 });
    for (const f of ['Patient.ndjson', 'Immunization.ndjson']) {
      const lines = readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean);
      for (const l of lines) expect(fhirErrors(JSON.parse(l))).toEqual([]);
    }
    expect(fhirErrors(JSON.parse(readFileSync(join(out, 'bundle.json'), 'utf8')))).toEqual([]);
    const withCampaign = run([
      'fhir',
      '--place',
      VILLAGE,
      '--campaign',
      campaign,
      '--out',
      join(dir, 'fhir2'),
    ]);
    expect(withCampaign.code).toBe(0);
    expect(withCampaign.stdout).toContain('Patient: 7');
  });

  it('refuses with the usual exit codes and leaves no file behind', () => {
    const missing = join(dir, 'missing.xlsx');
    const noCampaign = run(['ledger', '--campaign', '999', '--place', VILLAGE, '--out', missing]);
    expect(noCampaign.code).toBe(4);
    expect(noCampaign.stderr).toContain('campaign');
    expect(existsSync(missing)).toBe(false);
    expect(run(['ledger', '--campaign', campaign, '--place', 'abc', '--out', missing]).code).toBe(3);
    const noFolder = run([
      'ledger',
      '--campaign',
      campaign,
      '--place',
      VILLAGE,
      '--out',
      join(dir, 'no', 'x.xlsx'),
    ]);
    expect(noFolder.code).toBe(3);
    expect(noFolder.stderr).toContain('输出文件夹不存在');
    expect(run(['ledger', '--campaign', campaign, '--place', VILLAGE]).code).toBe(2);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
