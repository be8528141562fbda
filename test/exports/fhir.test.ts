import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitChineseName } from '../../src/app/exports/fhir/chineseName.js';
import { CVX_SYSTEM, ID_NUMBER_SYSTEM, PRODUCT_SYSTEM } from '../../src/app/exports/fhir/fhirCodes.js';
import { FHIR_FILES, prepareFhirExport } from '../../src/app/exports/fhir/fhirExport.js';
import { uuidV5 } from '../../src/app/exports/fhir/nameUuid.js';
import { vaccineCodeSystem, vaccineConcept } from '../../src/app/exports/fhir/vaccineCoding.js';
import { PRODUCT_CODES } from '../../src/domain/vaccines/catalog.js';
import { describeEachStore } from '../support/stores.js';
import { exportCounty, NAMES, PHONE, VILLAGE, type ExportCounty } from './exportCounty.js';
import { fhirErrors } from './fhirSchema.js';

type Json = Record<string, unknown> & { resourceType: string; id: string };

const ndjson = (file: string): Json[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Json);

describeEachStore('export: FHIR R4', (c) => {
  let t: ExportCounty;
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'gridvax-fhir-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    t = await exportCounty(await c.fresh());
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await c.cleanup();
  });

  it('writes Patient and Immunization NDJSON, a collection Bundle and the CodeSystem, all valid R4', async () => {
    const dir = join(tmp(), 'out');
    const done = await (await prepareFhirExport(t.store, { place: '430321' })).writeDir(dir);
    expect(done).toMatchObject({ dir, patients: 11, immunizations: 3 });
    expect(readdirSync(dir).sort()).toEqual(Object.values(FHIR_FILES).sort());

    const patients = ndjson(join(dir, FHIR_FILES.patients));
    const immunizations = ndjson(join(dir, FHIR_FILES.immunizations));
    expect(patients).toHaveLength(11);
    expect(immunizations).toHaveLength(3);
    const bundle = JSON.parse(readFileSync(join(dir, FHIR_FILES.bundle), 'utf8')) as Json & {
      type: string;
      entry: { fullUrl: string; resource: Json }[];
    };
    const codeSystem = JSON.parse(readFileSync(join(dir, FHIR_FILES.codeSystem), 'utf8')) as Json;
    // Every resource, alone and inside the Bundle, against the official schema.
    for (const r of [...patients, ...immunizations, codeSystem, bundle]) {
      expect(fhirErrors(r), `${r.resourceType}/${r.id}`).toEqual([]);
    }
    expect(bundle.type).toBe('collection');
    expect(bundle.entry).toHaveLength(14);
    const urls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const u of urls)
      expect(u).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Inside the Bundle an Immunization points at its Patient's full URL.
    const patientUrls = new Set(
      bundle.entry.filter((e) => e.resource.resourceType === 'Patient').map((e) => e.fullUrl),
    );
    for (const e of bundle.entry.filter((x) => x.resource.resourceType === 'Immunization')) {
      expect(patientUrls.has((e.resource['patient'] as { reference: string }).reference)).toBe(true);
    }
    // In NDJSON, relatively, as bulk data does.
    const patientIds = new Set(patients.map((p) => `Patient/${p.id}`));
    for (const i of immunizations)
      expect(patientIds.has((i['patient'] as { reference: string }).reference)).toBe(true);

    // A second export of the same county gives every resource the same full URL.
    const again = join(tmp(), 'again');
    await (await prepareFhirExport(t.store, { place: '430321' })).writeDir(again);
    const second = JSON.parse(readFileSync(join(again, FHIR_FILES.bundle), 'utf8')) as typeof bundle;
    expect(second.entry.map((e) => e.fullUrl)).toEqual(urls);
  });

  it('makes a Patient of a resident: full ID number, name split surname first, address from the places', async () => {
    const prepared = await prepareFhirExport(t.store, { place: VILLAGE });
    const patients: Json[] = [];
    for await (const p of prepared.patients()) patients.push(p as unknown as Json);
    expect(patients).toHaveLength(9);
    const first = patients[0];
    expect(first).toEqual({
      resourceType: 'Patient',
      id: '430321-1',
      identifier: [
        { use: 'official', type: { text: '居民身份证号' }, system: ID_NUMBER_SYSTEM, value: t.ids[0] },
      ],
      name: [{ use: 'official', text: NAMES[0], family: '张', given: ['建国'] }],
      gender: 'male',
      birthDate: '1950-03-01',
      telecom: [{ system: 'phone', value: PHONE(1), use: 'mobile' }],
      address: [
        {
          use: 'home',
          type: 'physical',
          text: '湖南省湘潭市湘潭县锦石乡锦石村委会1组1号',
          line: ['湘潭县锦石乡锦石村委会1组1号'],
          state: '湖南省',
          city: '湘潭市',
          district: '湘潭县',
          country: 'CN',
        },
      ],
    });
    const ouyang = patients.find((p) => p.id === '430321-11');
    expect(ouyang?.['name']).toEqual([{ use: 'official', text: '欧阳明', family: '欧阳', given: ['明'] }]);
    expect(patients.find((p) => p.id === '430321-5')).toMatchObject({
      deceasedBoolean: true,
      gender: 'male',
    });
    for (const p of patients) expect(fhirErrors(p)).toEqual([]);
  });

  it('codes every dose the same way, primary source or not, with its place in the series', async () => {
    const prepared = await prepareFhirExport(t.store, { place: '430321' });
    const list: Json[] = [];
    for await (const i of prepared.immunizations()) list.push(i as unknown as Json);
    const byPatient = new Map(list.map((i) => [(i['patient'] as { reference: string }).reference, i]));
    const given = byPatient.get('Patient/430321-2');
    expect(given).toMatchObject({
      status: 'completed',
      vaccineCode: {
        coding: [
          {
            system: PRODUCT_SYSTEM,
            code: 'sinovac',
            display: '新型冠状病毒灭活疫苗（Vero细胞）（北京科兴中维）',
          },
          { system: CVX_SYSTEM, code: '511' },
        ],
        text: '科兴',
      },
      occurrenceDateTime: '2021-08-05T10:00:00+08:00',
      primarySource: true,
      lotNumber: '202107031',
      location: { display: '锦石乡卫生院接种点' },
      manufacturer: { display: '北京科兴中维生物技术有限公司' },
      performer: [{ actor: { display: '罗医生' } }],
      protocolApplied: [
        {
          series: '基础免疫',
          doseNumberPositiveInt: 1,
          seriesDosesPositiveInt: 2,
          targetDisease: [{ coding: [{ system: 'http://snomed.info/sct', code: '840539006' }] }],
        },
      ],
    });
    expect(given?.['reportOrigin']).toBeUndefined();
    expect(byPatient.get('Patient/430321-9')).toMatchObject({
      vaccineCode: { coding: [{ code: 'cansino' }, { system: CVX_SYSTEM, code: '506' }] },
      primarySource: false,
      reportOrigin: { coding: [{ code: 'record' }], text: '外地接种，凭接种凭证核实' },
      protocolApplied: [{ doseNumberPositiveInt: 1, seriesDosesPositiveInt: 1 }],
    });
    const imported = byPatient.get('Patient/430321-10');
    expect(imported).toMatchObject({
      primarySource: false,
      reportOrigin: { text: '由其他系统接种台账导入' },
    });
    // ZF2001 has no single CVX code: our code alone.
    expect((imported?.['vaccineCode'] as { coding: unknown[] }).coding).toEqual([
      { system: PRODUCT_SYSTEM, code: 'zf2001', display: '重组新型冠状病毒疫苗（CHO细胞）' },
    ]);
    for (const i of list) expect(fhirErrors(i)).toEqual([]);
  });

  it("keeps to a campaign's eligible residents when one is named, and refuses what is out of reach", async () => {
    const prepared = await prepareFhirExport(t.store, { place: VILLAGE, campaignId: t.campaignId });
    const ids: string[] = [];
    for await (const p of prepared.patients()) ids.push(p.id);
    // Not the child (3) nor the deceased (5).
    expect(ids).toEqual([
      '430321-1',
      '430321-2',
      '430321-7',
      '430321-9',
      '430321-4',
      '430321-8',
      '430321-11',
    ]);
    await expect(prepareFhirExport(t.store, { place: VILLAGE, campaignId: 404 })).rejects.toMatchObject({
      detail: { code: 'campaign.not-found' },
    });
    await expect(
      prepareFhirExport(t.store, { place: VILLAGE, scope: ['430321205201'] }),
    ).rejects.toMatchObject({
      detail: { code: 'place.not-found' },
    });
  });
});

describe('FHIR pieces', () => {
  it('splits Chinese names surname first, compound surnames whole, and leaves others unsplit', () => {
    expect(splitChineseName('张三')).toEqual({ text: '张三', family: '张', given: ['三'] });
    expect(splitChineseName('诸葛亮')).toEqual({ text: '诸葛亮', family: '诸葛', given: ['亮'] });
    expect(splitChineseName('欧阳')).toEqual({ text: '欧阳', family: '欧', given: ['阳'] });
    expect(splitChineseName('单于涛')).toEqual({ text: '单于涛', family: '单', given: ['于涛'] });
    expect(splitChineseName('阿依古丽·买买提')).toEqual({ text: '阿依古丽·买买提' });
    expect(splitChineseName('John Smith')).toEqual({ text: 'John Smith' });
    expect(splitChineseName('王')).toEqual({ text: '王' });
  });

  it('codes every catalog product under our system, with CVX only where CVX has that product', () => {
    const cs = vaccineCodeSystem();
    expect(fhirErrors(cs)).toEqual([]);
    expect(cs.concept.map((x) => x.code)).toEqual([...PRODUCT_CODES]);
    const cvx = Object.fromEntries(
      PRODUCT_CODES.map((p) => [p, vaccineConcept(p).coding?.find((x) => x.system === CVX_SYSTEM)?.code]),
    );
    expect(cvx).toEqual({
      'sinopharm-bibp': '510',
      'sinopharm-wibp': undefined,
      sinovac: '511',
      cansino: '506',
      zf2001: undefined,
    });
  });

  it('makes RFC 9562 version-5 UUIDs', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});
