import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, V1, type ApiCounty } from './apiCounty.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Three good rows of 锦石村 and one whose birth date is not a date (rejected, reported). */
const REGISTER = [
  '姓名,身份证号码,性别,出生日期,联系电话,乡镇,村（社区）,网格,户号,与户主关系,现住址',
  '张建国,430321195003010118,男,1950-03-01,13807321234,锦石乡,锦石村,网格001,0001,户主,锦石村一组12号',
  '李秀英,430321195206180221,女,1952/6/18,,锦石乡,锦石村,网格001,0001,配偶,锦石村一组12号',
  '赵磊,430321198504200511,男,1985-04-20,13807320005,锦石乡,锦石村,网格002,0003,户主,锦石村二组8号',
  '黄海,430321199001011115,男,1990-13-01,13807320012,锦石乡,锦石村,网格002,0007,户主,锦石村二组1号',
].join('\r\n');

const BOUNDARY = '----gridvax-test-boundary';

/** A multipart/form-data body built by hand: the file in `file`, the rest as text fields. */
function multipart(file: Buffer, fields: Record<string, string> = {}, filename = 'register.csv') {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describeEachStore('API: imports', (c) => {
  let t: ApiCounty;

  beforeAll(async () => {
    t = await apiCounty(c);
  });
  afterAll(async () => {
    await t.app.close();
    await c.cleanup();
  });

  const upload = (what: 'residents' | 'doses', file: Buffer, fields: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `${V1}/imports/${what}`, ...multipart(file, fields) });

  const residentCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('checks a register in a dry run and writes nothing', async () => {
    const before = await residentCount();
    const res = await upload('residents', Buffer.from(REGISTER, 'utf8'), { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, imported: 3, rejected: 1, dryRun: true, format: 'csv' });
    expect(await residentCount()).toBe(before);
  });

  it('imports a UTF-8 CSV register and links its validation report, an xlsx named in Chinese', async () => {
    const before = await residentCount();
    const res = await upload('residents', Buffer.from(REGISTER, 'utf8'), { county: '430321' });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ rows: 4, imported: 3, updated: 0, rejected: 1, dryRun: false });
    expect(await residentCount()).toBe(before + 3);
    expect(summary.report).toMatch(/^\/api\/v1\/imports\/reports\/[0-9a-f-]{36}$/);

    const report = await t.inject({ method: 'GET', url: summary.report });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe(XLSX);
    expect(report.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(report.headers['content-disposition']).toBe(
      `attachment; filename="validation_report_2021-08-09.xlsx"; filename*=UTF-8''${encodeURIComponent('校验报告_2021-08-09.xlsx')}`,
    );

    // Importing the same file again changes nothing.
    const again = await upload('residents', Buffer.from(REGISTER, 'utf8'));
    expect(again.json()).toMatchObject({ imported: 0, unchanged: 3 });
  });

  it('refuses what is not a spreadsheet, whatever its name', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    for (const what of ['residents', 'doses'] as const) {
      const res = await upload(what, png);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('import.file');
    }
    const junk = await upload('residents', Buffer.from([1, 2, 3, 0, 255, 254, 7, 8]));
    expect(junk.statusCode).toBe(400);
  });

  it('answers 404 for an unknown county and for an unknown report, 400 for a report id that is no uuid', async () => {
    const county = await upload('residents', Buffer.from(REGISTER, 'utf8'), { county: '110101' });
    expect(county.statusCode, county.body).toBe(404);
    const unknown = await t.inject({
      method: 'GET',
      url: `${V1}/imports/reports/00000000-0000-4000-8000-000000000000`,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.inject({ method: 'GET', url: `${V1}/imports/reports/..%2F..%2Fetc%2Fpasswd` });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses an upload without sign-in: 401', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${V1}/imports/residents`,
      ...multipart(Buffer.from(REGISTER, 'utf8')),
    });
    expect(res.statusCode).toBe(401);
  });
});
