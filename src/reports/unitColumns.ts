/**
 * The columns of a unit table (a county's townships, a township's villages), shared by the
 * spreadsheet and the PDF so both print the same figures under the same headers. `value` is what
 * a spreadsheet cell holds (a number keeps its number format), `text` what a printed cell shows.
 */
import type { ReportUnit } from '../domain/dailyReport.js';
import { percentText, statusLabel } from './style.js';

export type ColumnKind = 'text' | 'int' | 'percent' | 'rate' | 'date';

export interface UnitColumn {
  header: string;
  kind: ColumnKind;
  value: (u: ReportUnit) => string | number | null;
  text: (u: ReportUnit) => string;
  /** Relative width in the printed table (the PDF scales them to the page). */
  print: number;
}

const intText = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US'));

/** What the projected finish says: the date, or why there is none. */
export function projectedText(u: ReportUnit): string {
  if (u.status === 'done') return '已完成';
  if (u.status === 'no-task') return '—';
  return u.projectedFinish ?? '无法预计';
}

/**
 * The columns for rows of one level. A row of townships counts its double-cleared villages; a row
 * of villages says whether the village itself is double-cleared.
 */
export function unitColumns(rowLevel: ReportUnit['level']): UnitColumn[] {
  const doubleCleared: UnitColumn =
    rowLevel === 'village'
      ? {
          header: '双清零',
          kind: 'text',
          value: (u) => (u.doubleCleared ? '✓' : ''),
          text: (u) => (u.doubleCleared ? '✓' : ''),
          print: 5,
        }
      : {
          header: '双清零村数',
          kind: 'int',
          value: (u) => clearedVillages(u).cleared,
          text: (u) => {
            const v = clearedVillages(u);
            return `${v.cleared}/${v.of}`;
          },
          print: 7,
        };
  return [
    { header: '单位', kind: 'text', value: (u) => u.shortName, text: (u) => u.shortName, print: 13 },
    { header: '任务数', kind: 'int', value: (u) => u.task, text: (u) => intText(u.task), print: 7 },
    { header: '累计接种', kind: 'int', value: (u) => u.done, text: (u) => intText(u.done), print: 7 },
    {
      header: '今日新增',
      kind: 'int',
      value: (u) => u.increment,
      text: (u) => intText(u.increment),
      print: 7,
    },
    {
      header: '完成率',
      kind: 'percent',
      value: (u) => u.completion,
      text: (u) => percentText(u.completion),
      print: 7,
    },
    {
      header: '排名',
      kind: 'int',
      value: (u) => u.rank,
      text: (u) => (u.rank === null ? '—' : String(u.rank)),
      print: 5,
    },
    doubleCleared,
    {
      header: '60岁以上接种率',
      kind: 'percent',
      value: (u) => u.sixtyPlus.coverage,
      text: (u) => percentText(u.sixtyPlus.coverage),
      print: 9,
    },
    {
      header: '日需接种',
      kind: 'int',
      value: (u) => u.neededDailyRate,
      text: (u) => intText(u.neededDailyRate),
      print: 7,
    },
    {
      header: '近7日日均',
      kind: 'rate',
      value: (u) => u.recentDailyRate,
      text: (u) => u.recentDailyRate.toFixed(1),
      print: 7,
    },
    {
      header: '预计完成',
      kind: 'date',
      value: (u) =>
        u.projectedFinish !== null && u.status !== 'done' ? u.projectedFinish : projectedText(u),
      text: projectedText,
      print: 9,
    },
    {
      header: '状态',
      kind: 'text',
      value: (u) => statusLabel(u.status),
      text: (u) => statusLabel(u.status),
      print: 9,
    },
    {
      header: '包保责任人',
      kind: 'text',
      value: (u) => u.answerable ?? '',
      text: (u) => u.answerable ?? '',
      print: 10,
    },
  ];
}

/**
 * Villages double-cleared under a unit, of all its villages — the figure officials quote (「有3个村
 * …“双清零”」). A township's are its children; a county sums its townships', since its own
 * `doubleClearedChildren` counts townships.
 */
export function clearedVillages(u: ReportUnit): { cleared: number; of: number } {
  if (u.level === 'village') return { cleared: u.doubleCleared ? 1 : 0, of: 1 };
  const children = u.children ?? [];
  if (children.length > 0 && children.every((c) => c.level !== 'village')) {
    return children.reduce(
      (s, c) => {
        const v = clearedVillages(c);
        return { cleared: s.cleared + v.cleared, of: s.of + v.of };
      },
      { cleared: 0, of: 0 },
    );
  }
  return { cleared: u.doubleClearedChildren, of: u.childUnits };
}

/** Rows at one level below `unit`, in code order (the order places are listed in everywhere). */
export function childrenByCode(unit: ReportUnit): ReportUnit[] {
  return [...(unit.children ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
