/**
 * The daily report as officials paste it into their WeChat groups: a summary of the unit, then
 * one short paragraph per unit below it, in the words of the county's own report —
 * 「截至8月9日晚，锦石乡已完成新冠疫苗第一剂次接种11376人，完成总任务91.2%，有3个村全面完成排查清零、
 * 任务清零“双清零”目标。」 (shared/seed/). Plain text, no markup: WeChat shows it as it is.
 * Percentages, dates and status words come from style.ts so they read exactly as in the
 * spreadsheet and the PDF.
 */
import type { CampaignTarget } from '../domain/vaccines/doseWindows.js';
import type { DailyReport, ReportUnit } from '../domain/dailyReport.js';
import { RECENT_WINDOW_DAYS } from '../domain/scheduling.js';
import { percentText, shortDateLabel, statusLabel } from './style.js';
import { deadlineLabel, dispatchOf, dispatchSummary } from './dispatchSection.js';
import { latenessText } from '../domain/dispatchOrder.js';

/** The campaign's target as the report names it: 新冠疫苗第一剂次接种 / 全程接种 / 加强免疫接种. */
export const TARGET_WORDS: Readonly<Record<CampaignTarget, string>> = {
  'first-dose': '第一剂次',
  'full-series': '全程',
  booster: '加强免疫',
};

/** How many names a list in a sentence gives before "等N个". */
const LIST_NAMES = 10;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 「8月9日晚」 for an evening cut-off (17:00 or later), else 「8月9日12:00」. */
export function asOfWords(report: Pick<DailyReport, 'cutoff'>): string {
  const t = new Date(Date.parse(report.cutoff) + SHANGHAI_OFFSET_MS);
  const date = `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
  if (t.getUTCHours() >= 17) return `${date}晚`;
  return `${date}${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

/** 村, 社区, or 村（社区） as the units below a township are. */
function villageWord(units: readonly ReportUnit[]): string {
  const communities = units.filter((u) => u.shortName.endsWith('社区')).length;
  if (communities === 0) return '村';
  return communities === units.length ? '社区' : '村（社区）';
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, LIST_NAMES).join('、');
  return list.length > LIST_NAMES ? `${shown}等${list.length}个` : shown;
}

/** A daily rate as people say it: whole people, or one decimal below 10 (1.7 a day is not 2). */
const rate = (n: number): string => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

/**
 * 「有3个村全面完成排查清零、任务清零“双清零”目标」 or that none has yet. The word is the cleared
 * units' own (村, 社区, or both), as the county's report wrote it.
 */
function clearedClause(u: ReportUnit): string {
  if (u.level === 'village') return u.doubleCleared ? '，已全面完成排查清零、任务清零“双清零”目标' : '';
  const villages =
    u.level === 'township' ? (u.children ?? []) : (u.children ?? []).flatMap((t) => t.children ?? []);
  const cleared = villages.filter((v) => v.doubleCleared);
  const where = u.level === 'county' ? '全县' : '';
  return cleared.length > 0
    ? `，${where}有${cleared.length}个${villageWord(cleared)}全面完成排查清零、任务清零“双清零”目标`
    : `，${where}暂无${villageWord(villages)}实现“双清零”`;
}

/** The news report's sentence for one unit. */
export function headline(report: DailyReport, u: ReportUnit): string {
  const target = TARGET_WORDS[report.campaign.target as CampaignTarget] ?? '';
  const share = u.completion === null ? '' : `，完成总任务${percentText(u.completion)}`;
  return `截至${asOfWords(report)}，${u.shortName}已完成新冠疫苗${target}接种${u.done}人${share}${clearedClause(u)}。`;
}

/** The day's increment, and the schedule when it needs saying (at risk, behind, overdue). */
function dayAndSchedule(u: ReportUnit): string {
  const parts = [u.increment > 0 ? `当日新增接种${u.increment}人。` : '当日无新增接种。'];
  const recent = `按近${RECENT_WINDOW_DAYS}日日均接种${rate(u.recentDailyRate)}人`;
  const need =
    u.neededDailyRate === null ? '已过截止日期仍未完成' : `需日均接种${u.neededDailyRate}人方能按期完成`;
  if (u.status === 'behind') {
    const finish =
      u.projectedFinish === null
        ? `近${RECENT_WINDOW_DAYS}日无新增接种`
        : `${recent}，预计${shortDateLabel(u.projectedFinish)}才能完成`;
    parts.push(`${statusLabel('behind')}：${finish}，${need}。`);
  } else if (u.status === 'at-risk' && u.projectedFinish !== null) {
    parts.push(
      `${statusLabel('at-risk')}：${recent}，预计${shortDateLabel(u.projectedFinish)}完成，${need}。`,
    );
  }
  return parts.join('');
}

/** The summary of the unit reported on: headline, day, 60+ coverage, who lags, who slipped. */
function summary(report: DailyReport): string {
  const u = report.unit;
  const parts = [headline(report, u), dayAndSchedule(u)];
  if (u.sixtyPlus.eligible > 0) {
    parts.push(`60岁以上人群已接种${u.sixtyPlus.done}人，覆盖率${percentText(u.sixtyPlus.coverage)}。`);
  }
  if (u.status === 'on-track' && u.projectedFinish !== null) {
    parts.push(`按近${RECENT_WINDOW_DAYS}日进度，预计${shortDateLabel(u.projectedFinish)}完成任务。`);
  }
  const children = u.children ?? [];
  const behind = children.filter((c) => c.status === 'behind').map((c) => c.shortName);
  const atRisk = children.filter((c) => c.status === 'at-risk').map((c) => c.shortName);
  if (behind.length > 0) parts.push(`${statusLabel('behind')}：${names(behind)}。`);
  if (atRisk.length > 0) parts.push(`${statusLabel('at-risk')}：${names(atRisk)}。`);
  if (report.fellBehind.length > 0) {
    const slipped = report.fellBehind.map((f) => `${f.name}（${statusLabel(f.from)}→${statusLabel(f.to)}）`);
    parts.push(`较前一日进度转差：${names(slipped)}。`);
  }
  return parts.join('');
}

function child(report: DailyReport, u: ReportUnit): string {
  return headline(report, u) + dayAndSchedule(u);
}

/** Late records against reports already frozen: counted and labelled, never silent. */
function correctionsNote(report: DailyReport): string {
  const lines = report.corrections.map(
    (c) => `${shortDateLabel(c.date)}${c.name}累计接种${c.doneThen}人更正为${c.doneNow}人`,
  );
  const shown = lines.slice(0, LIST_NAMES).join('；');
  const more = lines.length > LIST_NAMES ? `等${lines.length}处` : '';
  return `【数据更正】往日报表冻结后有补录记录（${report.corrections.length}处），以补录后为准：${shown}${more}。`;
}

/** Dispatch orders (调度令): the counts, and who is late answering, by name. */
function dispatchNote(report: DailyReport): string | undefined {
  const d = dispatchOf(report);
  if (!d) return undefined;
  const late = d.overdueOrders.map(
    (o) =>
      `${o.name}《${o.title}》（${deadlineLabel(o.deadline)}到期，${o.acknowledged ? '已签收' : '未签收'}，${latenessText(o.minutesLate).zh}）`,
  );
  const shown = late.slice(0, LIST_NAMES).join('；');
  const more = late.length > LIST_NAMES ? `等${late.length}个` : '';
  return `【调度令】截至${asOfWords(report)}，${dispatchSummary(d)}${late.length > 0 ? `逾期未办结：${shown}${more}。` : ''}`;
}

export function renderWeChatText(report: DailyReport): string {
  const title = `【${report.campaign.name}】${report.unit.shortName}按日调度 ${shortDateLabel(report.date)}`;
  if (!report.hasData) {
    const orders = dispatchNote(report);
    return `${title}\n\n截至${asOfWords(report)}，${report.unit.shortName}暂无接种数据。\n${orders ? `\n${orders}\n` : ''}`;
  }
  const paragraphs = [title, summary(report), ...(report.unit.children ?? []).map((c) => child(report, c))];
  if (report.corrections.length > 0) paragraphs.push(correctionsNote(report));
  const orders = dispatchNote(report);
  if (orders) paragraphs.push(orders);
  return `${paragraphs.join('\n\n')}\n`;
}
