import { describe, expect, it } from 'vitest';
import type { DailyReport, ReportUnit } from '../../src/domain/dailyReport.js';
import { asOfWords, renderWeChatText } from '../../src/reports/text.js';

function unit(u: Partial<ReportUnit> & Pick<ReportUnit, 'code' | 'shortName' | 'level'>): ReportUnit {
  const task = u.task === undefined ? 100 : u.task;
  const done = u.done ?? 0;
  return {
    name: u.shortName,
    task,
    done,
    increment: 0,
    completion: task === null ? null : done / task,
    rank: null,
    eligible: 100,
    open: 0,
    unscreened: 0,
    doubleCleared: false,
    doubleClearedChildren: 0,
    childUnits: 0,
    sixtyPlus: { eligible: 0, done: 0, coverage: null },
    neededDailyRate: 0,
    recentDailyRate: 0,
    projectedFinish: null,
    status: 'on-track',
    answerable: null,
    ...u,
  };
}

/** 锦石乡 as the news report has it on the evening of 9 August: 91.2% of its task, 3 villages cleared. */
function jinshi(): ReportUnit {
  const villages = ['锦石村', '文佳村', '碧泉村', '太阳村', '东边新村'].map((name, i) =>
    unit({ code: `43032120520${i}`, shortName: name, level: 'village', doubleCleared: i < 3 }),
  );
  return unit({
    code: '430321205',
    shortName: '锦石乡',
    level: 'township',
    task: 12474,
    done: 11376,
    increment: 331,
    children: villages,
  });
}

function report(over: Partial<DailyReport> = {}): DailyReport {
  const wushi = unit({
    code: '430321110',
    shortName: '乌石镇',
    level: 'township',
    task: 20000,
    done: 12000,
    increment: 150,
    status: 'behind',
    recentDailyRate: 148.6,
    neededDailyRate: 364,
    projectedFinish: '2021-09-22',
    children: [unit({ code: '430321110201', shortName: '乌石村', level: 'village' })],
  });
  const county = unit({
    code: '430321',
    shortName: '湘潭县',
    level: 'county',
    task: 32474,
    done: 23376,
    increment: 481,
    sixtyPlus: { eligible: 1000, done: 800, coverage: 0.8 },
    children: [jinshi(), wushi],
  });
  return {
    campaign: {
      id: 1,
      name: '湘潭县第一剂次攻坚',
      target: 'first-dose',
      start: '2021-07-20',
      deadline: '2021-08-31',
    },
    date: '2021-08-09',
    cutoff: '2021-08-09T10:00:00.000Z',
    generatedAt: '2021-08-09T10:00:00.000Z',
    frozen: true,
    hasData: true,
    unit: county,
    fellBehind: [],
    corrections: [],
    trend: [],
    analysis: { openByReason: [], openByAgeBand: [], refusalHotspots: [], awayHotspots: [] },
    ...over,
  };
}

describe('WeChat text', () => {
  it('says each township in the words of the county’s own report', () => {
    const text = renderWeChatText(report());
    expect(text).toContain(
      '截至8月9日晚，锦石乡已完成新冠疫苗第一剂次接种11376人，完成总任务91.2%，有3个村全面完成排查清零、任务清零“双清零”目标。当日新增接种331人。',
    );
    // A unit behind says by how much, and what it would take.
    expect(text).toContain(
      '截至8月9日晚，乌石镇已完成新冠疫苗第一剂次接种12000人，完成总任务60.0%，暂无村实现“双清零”。当日新增接种150人。进度滞后：按近7日日均接种149人，预计9月22日才能完成，需日均接种364人方能按期完成。',
    );
    // The county summary first, under a title; one paragraph per township after it.
    const paragraphs = text.trim().split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toBe('【湘潭县第一剂次攻坚】湘潭县按日调度 8月9日');
    expect(paragraphs[1]).toMatch(
      /^截至8月9日晚，湘潭县已完成新冠疫苗第一剂次接种23376人，完成总任务72\.0%，全县有3个村全面完成.*当日新增接种481人。60岁以上人群已接种800人，覆盖率80\.0%。.*进度滞后：乌石镇。$/,
    );
  });

  it('names the target of the campaign', () => {
    const full = renderWeChatText(report({ campaign: { ...report().campaign, target: 'full-series' } }));
    expect(full).toContain('锦石乡已完成新冠疫苗全程接种11376人');
    const booster = renderWeChatText(report({ campaign: { ...report().campaign, target: 'booster' } }));
    expect(booster).toContain('锦石乡已完成新冠疫苗加强免疫接种11376人');
  });

  it('says there is no data rather than printing zeros', () => {
    const text = renderWeChatText(
      report({ hasData: false, date: '2021-07-20', cutoff: '2021-07-20T10:00:00.000Z' }),
    );
    expect(text).toContain('截至7月20日晚，湘潭县暂无接种数据。');
    expect(text).not.toMatch(/接种0人/);
  });

  it('counts and labels late corrections, and who fell behind since yesterday', () => {
    const text = renderWeChatText(
      report({
        corrections: [
          { date: '2021-08-07', code: '430321205', name: '锦石乡', doneThen: 10738, doneNow: 10740 },
        ],
        fellBehind: [{ code: '430321110', name: '乌石镇', from: 'at-risk', to: 'behind' }],
      }),
    );
    expect(text).toContain('较前一日进度转差：乌石镇（有延期风险→进度滞后）。');
    expect(text).toContain(
      '【数据更正】往日报表冻结后有补录记录（1处），以补录后为准：8月7日锦石乡累计接种10738人更正为10740人。',
    );
  });

  it('writes the cut-off as officials do: the evening, or the hour', () => {
    expect(asOfWords({ cutoff: '2021-08-09T10:00:00.000Z' })).toBe('8月9日晚');
    expect(asOfWords({ cutoff: '2021-08-09T04:30:00.000Z' })).toBe('8月9日12:30');
  });
});
