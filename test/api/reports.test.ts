import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, type ApiCounty } from './apiCounty.js';

/** The file name a Content-Disposition gives through RFC 5987 `filename*`, decoded. */
function utf8FileName(header: string | undefined): string | undefined {
  const m = /filename\*=UTF-8''([^;]+)/.exec(header ?? '');
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
}

describeEachStore('API: daily reports', (c) => {
  let t: ApiCounty;
  const daily = (query: string) =>
    t.inject({ method: 'GET', url: `/api/v1/reports/daily?campaign=${t.campaignId}&${query}` });

  beforeAll(async () => {
    t = await apiCounty(c);
    await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321205`, { count: 4 });
    await t.call('POST', '/doses', {
      idNumber: id(6, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
  });
  afterAll(() => c.cleanup());

  it('answers the model as JSON by default, with a Chinese file name', async () => {
    const res = await daily('date=2021-08-09');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(utf8FileName(res.headers['content-disposition'] as string)).toBe('湘潭县按日调度_2021-08-09.json');
    expect(res.headers['content-disposition']).toMatch(
      /^inline; filename="daily-report_430321_2021-08-09\.json"; /,
    );
    expect(res.json()).toMatchObject({
      date: '2021-08-09',
      frozen: false,
      hasData: true,
      unit: { code: '430321', done: 1, increment: 1 },
    });
  });

  it('answers the WeChat text of a township', async () => {
    const res = await daily('date=2021-08-09&place=430321205&format=text');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(utf8FileName(res.headers['content-disposition'] as string)).toBe('锦石乡按日调度_2021-08-09.txt');
    expect(res.body).toContain('截至8月9日晚，锦石乡已完成新冠疫苗第一剂次接种1人，完成总任务25.0%');
  });

  it('answers the spreadsheet, the PDF and the charts as downloads', async () => {
    const xlsx = await daily('date=2021-08-09&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; /);
    expect(utf8FileName(xlsx.headers['content-disposition'] as string)).toBe(
      '湘潭县按日调度_2021-08-09.xlsx',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const pdf = await daily('date=2021-08-09&format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const svg = await daily('date=2021-08-09&format=svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toContain('<svg');
  });

  it('refuses a day outside the campaign, an unknown campaign or place, and an unknown format', async () => {
    const early = await daily('date=2021-07-01');
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'report.date', field: 'date' });
    expect((await daily('date=2021-08-10')).json().error.code).toBe('report.date');
    expect((await daily('date=2021-08-09&place=430321999')).statusCode).toBe(404);
    expect((await daily('date=2021-08-09&format=docx')).statusCode).toBe(400);
    const unknown = await t.inject({
      method: 'GET',
      url: '/api/v1/reports/daily?campaign=999&date=2021-08-09',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('freezes a day once and retakes it only when asked', async () => {
    const take = (body: object) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/reports/daily/snapshots',
        payload: { campaign: t.campaignId, ...body },
      });
    const first = await take({});
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      result: 'stored',
      takenAt: '2021-08-09T10:00:00.000Z',
      report: { date: '2021-08-09', frozen: true, unit: { done: 1 } },
    });
    const again = await take({ date: '2021-08-09' });
    expect(again.statusCode).toBe(200);
    expect(again.json().result).toBe('existing');
    const retaken = await take({ retake: true });
    expect(retaken.statusCode).toBe(201);
    expect(retaken.json()).toMatchObject({ result: 'retaken', replacedTakenAt: '2021-08-09T10:00:00.000Z' });
    expect((await daily('date=2021-08-09')).json().frozen).toBe(true);
    const bad = await take({ cutoff: '6pm' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('report.cutoff');
  });
});
