import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { createApiToken } from '../../src/app/auth/apiTokens.js';
import { createUser } from '../../src/app/users/createUser.js';
import { generatePassword } from '../../src/app/users/password.js';
import { describeEachStore } from '../support/stores.js';
import { exportCounty, VILLAGE, type ExportCounty } from './exportCounty.js';
import { fhirErrors } from './fhirSchema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Chinese name as RFC 5987 writes it in `filename*`. */
const encoded = (name: string): string => encodeURIComponent(name);

describeEachStore('API: exports', (c) => {
  let t: ExportCounty;
  let app: FastifyInstance;
  let authorization: string;

  beforeAll(async () => {
    t = await exportCounty(await c.fresh());
    app = await buildServer(t.store);
    // The county commander (every right, the whole county), calling with an API token.
    const by = { userId: null, name: 'test', origin: 'cli' };
    await createUser(
      t.store,
      { username: 'commander', role: 'commander', places: ['430321'], password: generatePassword() },
      by,
    );
    const { token } = await createApiToken(t.store, { username: 'commander', name: 'exports test' }, by);
    authorization = `Bearer ${token}`;
  });
  afterAll(async () => {
    await app.close();
    await c.cleanup();
  });

  const get = (url: string) =>
    app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization } });

  it('downloads the close-out ledger as xlsx, named in Chinese and in ASCII', async () => {
    const res = await get(`/exports/ledger?campaign=${t.campaignId}&place=${VILLAGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ledger_${VILLAGE}_2021-08-09.xlsx"; filename*=UTF-8''${encoded('湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '网格001', '网格002', '销号记录']);
    expect(String(wb.getWorksheet('网格001')?.getCell(4, 7).value)).toContain('*');

    const full = await get(`/exports/ledger?campaign=${t.campaignId}&place=${VILLAGE}&unmasked=true`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('网格001')?.getCell(4, 7).value).toBe(t.ids[0]);
  });

  it('downloads the categorized ledgers', async () => {
    const res = await get(`/exports/ledgers?campaign=${t.campaignId}&place=${VILLAGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encoded('湘潭县锦石乡锦石村_分类台账_2021-08-09.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '户籍人口',
      '流入人口',
      '外出人员',
      '已接种',
      '未接种',
      '禁忌人员',
    ]);
  });

  it('streams FHIR Patients and Immunizations as application/fhir+ndjson', async () => {
    const patients = await get(`/exports/fhir/Patient.ndjson?place=${VILLAGE}`);
    expect(patients.statusCode).toBe(200);
    expect(patients.headers['content-type']).toBe('application/fhir+ndjson');
    const lines = patients.body.split('\n').filter(Boolean);
    expect(lines).toHaveLength(9);
    for (const l of lines) expect(fhirErrors(JSON.parse(l))).toEqual([]);

    const imms = await get(`/exports/fhir/Immunization.ndjson?place=430321&campaign=${t.campaignId}`);
    expect(imms.statusCode).toBe(200);
    expect(imms.headers['content-type']).toBe('application/fhir+ndjson');
    const doses = imms.body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { resourceType: string });
    expect(doses.map((d) => d.resourceType)).toEqual(['Immunization', 'Immunization', 'Immunization']);
    for (const d of doses) expect(fhirErrors(d)).toEqual([]);
  });

  it('answers refusals as JSON errors before any file is started', async () => {
    const noCampaign = await get(`/exports/ledger?campaign=999&place=${VILLAGE}`);
    expect(noCampaign.statusCode).toBe(404);
    expect(noCampaign.headers['content-type']).toMatch(/^application\/json/);
    expect(noCampaign.json().error.code).toBe('campaign.not-found');
    const noPlace = await get(`/exports/fhir/Patient.ndjson?place=430321205299`);
    expect(noPlace.statusCode).toBe(404);
    expect(noPlace.json().error.code).toBe('place.not-found');
    const bad = await get(`/exports/ledgers?campaign=${t.campaignId}&place=4303`);
    expect(bad.statusCode).toBe(400);
  });

  it('needs a signed-in caller', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/exports/fhir/Patient.ndjson?place=${VILLAGE}`,
    });
    expect(res.statusCode).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/exports/ledger',
      '/api/v1/exports/ledgers',
      '/api/v1/exports/fhir/Patient.ndjson',
      '/api/v1/exports/fhir/Immunization.ndjson',
    ]) {
      expect(doc.paths[path]?.get?.summary, path).toBeTruthy();
    }
  });
});
