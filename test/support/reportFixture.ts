/**
 * A hand-made daily report for the renderers' tests: 湘潭县 with three townships and a few
 * villages each, its figures chosen to reproduce the news report's sentence — 锦石乡 11500 of
 * 12610 done (91.2%), 3 villages double-cleared — and to cover every status, a unit without a
 * task, a correction and the data group's breakdowns.
 */
import type { DailyReport, ReportUnit } from '../../src/domain/dailyReport.js';
import { addDays } from '../../src/domain/calendar.js';
import type { ScheduleStatus } from '../../src/domain/scheduling.js';

interface UnitSpec {
  code: string;
  name: string;
  shortName?: string;
  task: number | null;
  done: number;
  increment: number;
  status: ScheduleStatus;
  doubleCleared?: boolean;
  answerable?: string;
  projectedFinish?: string | null;
  children?: ReportUnit[];
}

function unit(level: ReportUnit['level'], s: UnitSpec): ReportUnit {
  const children = s.children;
  const open = s.task === null ? 0 : Math.max(0, s.task - s.done);
  const sixtyEligible = Math.round((s.task ?? s.done) * 0.3);
  const sixtyDone = Math.min(sixtyEligible, Math.round(s.done * 0.28));
  return {
    code: s.code,
    name: s.name,
    shortName: s.shortName ?? s.name,
    level,
    task: s.task,
    done: s.done,
    increment: s.increment,
    completion: s.task === null ? null : s.done / s.task,
    rank: null,
    eligible: (s.task ?? s.done) + 40,
    open,
    unscreened: s.doubleCleared ? 0 : Math.round(open / 4),
    doubleCleared: s.doubleCleared ?? false,
    doubleClearedChildren: children?.filter((c) => c.doubleCleared).length ?? 0,
    childUnits: children?.length ?? 0,
    sixtyPlus: {
      eligible: sixtyEligible,
      done: sixtyDone,
      coverage: sixtyEligible === 0 ? null : sixtyDone / sixtyEligible,
    },
    neededDailyRate: s.task === null || s.status === 'done' ? null : Math.ceil(open / 12),
    recentDailyRate: Math.round(s.increment * 0.93 * 10) / 10,
    projectedFinish: s.projectedFinish === undefined ? null : s.projectedFinish,
    status: s.status,
    answerable: s.answerable ?? null,
    ...(children ? { children } : {}),
  };
}

/** Ranks siblings by completion (ties share a rank), the way the report model does. */
function ranked(units: ReportUnit[]): ReportUnit[] {
  const withTask = units.filter((u) => u.completion !== null);
  return units.map((u) => {
    if (u.completion === null) return u;
    const c = u.completion;
    return { ...u, rank: 1 + withTask.filter((o) => (o.completion ?? 0) > c).length };
  });
}

const village = (s: UnitSpec): ReportUnit =>
  unit('village', { ...s, shortName: s.shortName ?? s.name.replace(/委会$/, '') });

export function reportFixture(): DailyReport {
  const jinshi = unit('township', {
    code: '430321205',
    name: '锦石乡',
    task: 12610,
    done: 11500,
    increment: 310,
    status: 'on-track',
    answerable: '刘建国',
    projectedFinish: '2021-08-13',
    children: ranked([
      village({
        code: '430321205201',
        name: '唐家湖村委会',
        task: 2400,
        done: 2400,
        increment: 20,
        status: 'done',
        doubleCleared: true,
      }),
      village({
        code: '430321205205',
        name: '金湖村委会',
        task: 2300,
        done: 2310,
        increment: 35,
        status: 'done',
        doubleCleared: true,
      }),
      village({
        code: '430321205206',
        name: '锦石村委会',
        task: 3100,
        done: 3100,
        increment: 60,
        status: 'done',
        doubleCleared: true,
        answerable: '王丽',
      }),
      village({
        code: '430321205209',
        name: '文佳村委会',
        task: 2510,
        done: 2100,
        increment: 90,
        status: 'at-risk',
        projectedFinish: '2021-08-17',
      }),
      village({
        code: '430321205211',
        name: '太阳村委会',
        task: 2300,
        done: 1590,
        increment: 105,
        status: 'behind',
        projectedFinish: '2021-08-24',
      }),
    ]),
  });
  const tanjiashan = unit('township', {
    code: '430321102',
    name: '谭家山镇',
    task: 9000,
    done: 8700,
    increment: 260,
    status: 'on-track',
    projectedFinish: '2021-08-11',
    children: ranked([
      village({
        code: '430321102206',
        name: '棠霞村委会',
        task: 3000,
        done: 2950,
        increment: 80,
        status: 'on-track',
        projectedFinish: '2021-08-10',
      }),
      village({
        code: '430321102207',
        name: '长岭铺村委会',
        task: 3000,
        done: 2900,
        increment: 90,
        status: 'on-track',
        projectedFinish: '2021-08-11',
      }),
      village({
        code: '430321102220',
        name: '紫竹村委会',
        task: 3000,
        done: 2850,
        increment: 90,
        status: 'on-track',
        projectedFinish: '2021-08-11',
      }),
    ]),
  });
  const wushi = unit('township', {
    code: '430321114',
    name: '乌石镇',
    task: 8000,
    done: 4500,
    increment: 240,
    status: 'behind',
    projectedFinish: '2021-08-27',
    children: ranked([
      village({
        code: '430321114001',
        name: '瓦子坪社区居委会',
        shortName: '瓦子坪社区',
        task: null,
        done: 120,
        increment: 5,
        status: 'no-task',
      }),
      village({
        code: '430321114207',
        name: '乌石村委会',
        task: 3000,
        done: 2000,
        increment: 95,
        status: 'behind',
        projectedFinish: '2021-08-25',
      }),
      village({
        code: '430321114218',
        name: '景泉村委会',
        task: 2500,
        done: 1300,
        increment: 70,
        status: 'behind',
        projectedFinish: '2021-08-30',
      }),
      village({
        code: '430321114220',
        name: '四美村委会',
        task: 2500,
        done: 1080,
        increment: 70,
        status: 'behind',
        projectedFinish: null,
      }),
    ]),
  });
  const county = unit('county', {
    code: '430321',
    name: '湘潭县',
    task: 29610,
    done: 24700,
    increment: 810,
    status: 'at-risk',
    answerable: '县指挥部',
    projectedFinish: '2021-08-16',
    // Listed out of code order on purpose: renderers must sort by code themselves.
    children: ranked([jinshi, tanjiashan, wushi]),
  });
  const date = '2021-08-09';
  const increments = [1320, 1410, 1180, 1500, 1620, 900, 850, 1400, 1480, 1390, 1210, 1000, 930, 810];
  let done = county.done - increments.reduce((a, b) => a + b, 0);
  const trend = increments.map((increment, i) => {
    done += increment;
    return { date: addDays(date, i - 13), done, increment };
  });
  return {
    campaign: {
      id: 1,
      name: '新冠疫苗第一剂次攻坚',
      target: 'first-dose',
      start: '2021-07-20',
      deadline: '2021-08-20',
    },
    date,
    cutoff: '2021-08-09T10:00:00.000Z',
    generatedAt: '2021-08-09T10:05:00.000Z',
    frozen: true,
    hasData: true,
    unit: county,
    fellBehind: [{ code: '430321114', name: '乌石镇', from: 'at-risk', to: 'behind' }],
    corrections: [
      { date: '2021-08-08', code: '430321205209', name: '文佳村委会', doneThen: 2010, doneNow: 2025 },
    ],
    trend,
    analysis: {
      openByReason: [
        { reason: 'refused', label: { zh: '拒绝或犹豫', en: 'Refused or hesitant' }, n: 1210 },
        { reason: 'away', label: { zh: '外出', en: 'Away' }, n: 1640 },
        { reason: 'booked', label: { zh: '已预约', en: 'Booked' }, n: 980 },
        { reason: 'not-found', label: { zh: '未找到本人', en: 'Not found' }, n: 412 },
      ],
      openByAgeBand: [
        { band: '12–17', n: 310 },
        { band: '18–59', n: 2390 },
        { band: '60–79', n: 1210 },
        { band: '80+', n: 332 },
      ],
      refusalHotspots: [
        { code: '430321114220', name: '四美村委会', n: 260 },
        { code: '430321205211', name: '太阳村委会', n: 190 },
      ],
      awayHotspots: [{ code: '430321114207', name: '乌石村委会', n: 420 }],
    },
  };
}

/** The same campaign on a day nothing at all had been recorded by the cut-off. */
export function emptyReportFixture(): DailyReport {
  const full = reportFixture();
  const zero = (u: ReportUnit): ReportUnit => ({
    ...u,
    done: 0,
    increment: 0,
    completion: u.task === null ? null : 0,
    doubleCleared: false,
    doubleClearedChildren: 0,
    recentDailyRate: 0,
    projectedFinish: null,
    status: u.task === null ? 'no-task' : 'behind',
    ...(u.children ? { children: u.children.map(zero) } : {}),
  });
  return {
    ...full,
    date: '2021-07-20',
    cutoff: '2021-07-20T10:00:00.000Z',
    hasData: false,
    unit: zero(full.unit),
    fellBehind: [],
    corrections: [],
    trend: [],
    analysis: { openByReason: [], openByAgeBand: [], refusalHotspots: [], awayHotspots: [] },
  };
}

/** A value the test knows is there; fails the test, naming it, when it is not. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

/** The fixture's township with `code`. */
export function townshipOf(report: DailyReport, code: string): ReportUnit {
  return must(
    report.unit.children?.find((t) => t.code === code),
    `township ${code}`,
  );
}
