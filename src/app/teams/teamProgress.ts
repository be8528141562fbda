/**
 * A team's progress against its quota, day by day: the doses that reached the campaign's target
 * in its villages each day (the engine's campaign_grid_daily), met or short of the quota. The
 * villages' doses are the team's measure because the team is answerable for its villages, not
 * for the doses its own members gave (the site gives them).
 */
import { addDays, daysBetween, parseDate, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { quotaDays, type QuotaDay } from '../../domain/teams.js';
import { doneByDayIn } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';

/** Days shown when none are asked for: the last week up to today. */
export const DEFAULT_DAYS = 7;
/** At most this many days in one answer (a quarter). */
export const MAX_DAYS = 92;

export interface TeamProgressInput {
  teamId: number;
  campaignId: number;
  from?: CalendarDate;
  to?: CalendarDate;
  scope?: Scope;
}

export interface TeamProgress {
  teamId: number;
  campaignId: number;
  quota: number | null;
  from: CalendarDate;
  to: CalendarDate;
  villages: string[];
  /** Some of the team's villages are outside the caller's places and left out. */
  partial: boolean;
  days: QuotaDay[];
  total: {
    done: number;
    days: number;
    /** Days the quota was met; null without a quota. */
    daysMet: number | null;
  };
}

const badRange = (zh: string, en: string) =>
  invalidInput({ code: 'team.progress-range', field: 'from', message: { zh, en } });

function checkDate(value: string, field: string): CalendarDate {
  if (!parseDate(value)) {
    throw invalidInput({
      code: 'team.progress-range',
      field,
      message: { zh: `日期应为 YYYY-MM-DD：${value}`, en: `a date is YYYY-MM-DD: ${value}` },
    });
  }
  return value;
}

export async function teamProgress(store: Store, input: TeamProgressInput): Promise<TeamProgress> {
  const { team, villages, visibleVillages } = await requireTeam(store, input.teamId, input.scope);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const to = input.to === undefined ? shanghaiDate(store.now()) : checkDate(input.to, 'to');
  let from = input.from === undefined ? addDays(to, -(DEFAULT_DAYS - 1)) : checkDate(input.from, 'from');
  if (input.from === undefined && from < campaign.start_date && campaign.start_date <= to)
    from = campaign.start_date;
  if (from > to) throw badRange(`起始日期 ${from} 晚于截止日期 ${to}`, `from ${from} is after to ${to}`);
  const span = daysBetween(from, to) + 1;
  if (span > MAX_DAYS) {
    throw badRange(`一次最多查询 ${MAX_DAYS} 天`, `at most ${MAX_DAYS} days at a time`);
  }
  const days: CalendarDate[] = [];
  for (let i = 0; i < span; i++) days.push(addDays(from, i));
  const done = await doneByDayIn(store.db, Number(campaign.id), visibleVillages, from, to);
  const quota = team.quota === null ? null : Number(team.quota);
  const byDay = quotaDays(days, done, quota);
  return {
    teamId: team.id,
    campaignId: Number(campaign.id),
    quota,
    from,
    to,
    villages: visibleVillages,
    partial: visibleVillages.length < villages.length,
    days: byDay,
    total: {
      done: byDay.reduce((s, d) => s + d.done, 0),
      days: byDay.length,
      daysMet: quota === null ? null : byDay.filter((d) => d.met).length,
    },
  };
}
