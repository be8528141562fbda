import { parseDate } from '../../domain/calendar.js';
import { businessRule, invalidInput, type ErrorDetail } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import { recountCampaign } from '../engine/recount.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export const CAMPAIGN_TARGETS = ['first-dose', 'full-series', 'booster'] as const;
export type CampaignTargetName = (typeof CAMPAIGN_TARGETS)[number];

export interface CampaignInput {
  name: string;
  /** The unit that sets it (default: the only county in the database). */
  place?: string;
  target: string;
  minAge: number;
  maxAge?: number | null;
  asOf: string;
  start?: string;
  deadline: string;
}

function check(input: CampaignInput): ErrorDetail | undefined {
  const bad = (field: string, zh: string, en: string): ErrorDetail => ({
    code: 'campaign.invalid',
    field,
    message: { zh, en },
  });
  if (!input.name.trim()) return bad('name', '任务名称不能为空', 'the name is empty');
  if (!(CAMPAIGN_TARGETS as readonly string[]).includes(input.target)) {
    return bad(
      'target',
      `完成标准应为 ${CAMPAIGN_TARGETS.join('/')}`,
      `target must be one of ${CAMPAIGN_TARGETS.join(', ')}`,
    );
  }
  if (!Number.isInteger(input.minAge) || input.minAge < 0 || input.minAge > 120)
    return bad('minAge', '最小年龄无效', 'minimum age is not a whole number of years');
  if (
    input.maxAge !== undefined &&
    input.maxAge !== null &&
    (!Number.isInteger(input.maxAge) || input.maxAge < input.minAge)
  ) {
    return bad(
      'maxAge',
      '最大年龄无效或小于最小年龄',
      'maximum age is not a whole number at least the minimum',
    );
  }
  for (const field of ['asOf', 'deadline', 'start'] as const) {
    const v = input[field];
    if (v !== undefined && !parseDate(v))
      return bad(field, `日期无效：${v}`, `not a date (YYYY-MM-DD): ${v}`);
  }
  if (input.start && input.deadline < input.start)
    return bad('deadline', '截止日期早于开始日期', 'the deadline is before the start');
  return undefined;
}

/**
 * Creates a campaign and derives every resident's status in it at once. The unit that sets it
 * must be in the caller's scope; outside it reads as not found.
 */
export async function createCampaign(
  store: Store,
  input: CampaignInput,
  scope?: Scope,
): Promise<CampaignRow> {
  const problem = check(input);
  if (problem) throw invalidInput(problem);
  let place = input.place;
  if (!place) {
    const counties = await store.db
      .selectFrom('places')
      .select('code')
      .where('level', '=', 'county')
      .execute();
    if (counties.length !== 1) {
      throw invalidInput({
        code: 'campaign.place',
        field: 'place',
        message: {
          zh: '请用 --place 指定下达任务的区划',
          en: 'name the unit that sets the campaign with --place',
        },
      });
    }
    place = counties[0]?.code as string;
  }
  const unit = await requirePlace(store, place, scope);
  // A campaign is set by a county command (or above) and handed down as task numbers; a
  // township or village sets tasks, not campaigns. The engine counts whole counties.
  if (!['province', 'city', 'county'].includes(unit.level)) {
    throw businessRule({
      code: 'campaign.place-level',
      field: 'place',
      message: {
        zh: '接种任务由县级（或以上）指挥部下达；乡镇、村请分解任务数',
        en: 'a campaign is set by a county (or above); townships and villages hand down task numbers instead',
      },
    });
  }
  const created = await store.db
    .insertInto('campaigns')
    .values({
      name: input.name.trim(),
      place_code: place,
      target: input.target as CampaignTargetName,
      min_age: input.minAge,
      max_age: input.maxAge ?? null,
      age_as_of: input.asOf,
      start_date: input.start ?? input.asOf,
      deadline: input.deadline,
      created_at: store.now().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recountCampaign(store, Number(created.id));
  return created;
}
