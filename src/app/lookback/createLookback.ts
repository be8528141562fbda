/**
 * Starting a look-back (回头看) of a cleared unit: a reproducible random sample of its residents
 * to re-visit (src/domain/lookback.ts). Only a unit that is double-cleared now can be looked
 * back on: the look-back tests exactly that claim.
 */
import { shanghaiDate, shanghaiInstant } from '../../domain/calendar.js';
import { businessRule, invalidInput } from '../../domain/errors.js';
import { drawLookbackSample, LOOKBACK_SAMPLE_SIZE } from '../../domain/lookback.js';
import { statusToday } from '../../store/ledgerQueries.js';
import { eligiblePool, insertLookback, lookbacksSince } from '../../store/lookbackQueries.js';
import type { Store } from '../../store/openStore.js';
import { MAX_PAGE } from '../../store/residentListQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import { progressOf } from '../progress/progressOf.js';
import type { Scope } from '../records/findResident.js';
import { readLookback, requireLookback, type Lookback } from './showLookback.js';

export interface CreateLookbackInput {
  campaignId: number;
  place: string;
  /** Default 19, the LQAS sample (lookback.ts); capped at the unit's eligible residents. */
  size?: number;
  /** Default `${place}:${today}:${n}`, n counting the unit's look-backs that day from 1. */
  seed?: string;
  createdBy: string;
  scope?: Scope;
}

export async function createLookback(store: Store, input: CreateLookbackInput): Promise<Lookback> {
  const createdBy = input.createdBy.trim();
  if (!createdBy) {
    throw invalidInput({
      code: 'lookback.created-by',
      field: 'createdBy',
      message: { zh: '请填写回头看负责人', en: 'say who runs the look-back' },
    });
  }
  const size = input.size ?? LOOKBACK_SAMPLE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw invalidInput({
      code: 'lookback.size',
      field: 'size',
      message: {
        zh: `抽样数应为 1–${MAX_PAGE} 的整数：${size}`,
        en: `sample size must be a whole number from 1 to ${MAX_PAGE}: ${size}`,
      },
    });
  }
  if (input.seed !== undefined && !input.seed.trim()) {
    throw invalidInput({
      code: 'lookback.seed',
      field: 'seed',
      message: { zh: '随机种子不能为空', en: 'the seed is empty' },
    });
  }
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place, input.scope);
  if (place.code.length < 6) {
    // Residents are numbered within a county; a sample is drawn within one.
    throw invalidInput({
      code: 'lookback.place-level',
      field: 'place',
      message: {
        zh: '回头看应针对县及以下的单位（乡镇、村、网格）',
        en: 'a look-back is of a county or a unit within one (township, village, grid)',
      },
    });
  }
  const campaignId = Number(campaign.id);
  const unit = await progressOf(store, campaignId, place.code, 0);
  if (unit.eligible === 0) {
    throw businessRule({
      code: 'lookback.empty',
      field: 'place',
      message: {
        zh: `${place.name}没有接种对象，无可回头看`,
        en: `${place.code} has no eligible resident to check`,
      },
    });
  }
  if (!unit.doubleCleared) {
    throw businessRule({
      code: 'lookback.not-cleared',
      field: 'place',
      message: {
        zh: `${place.name}尚未双清零（未摸排 ${unit.unscreened} 人，待接种 ${unit.open} 人），不能回头看`,
        en: `${place.code} is not double-cleared (${unit.unscreened} unscreened, ${unit.open} open): nothing to look back on yet`,
      },
    });
  }

  const now = store.now();
  const today = shanghaiDate(now);
  const seed =
    input.seed?.trim() ??
    `${place.code}:${today}:${(await lookbacksSince(store.db, campaignId, place.code, shanghaiInstant(today).toISOString())) + 1}`;
  const pool = await eligiblePool(store.db, campaignId, place.code);
  const byId = new Map(pool.map((r) => [Number(r.resident_id), r]));
  const sample = drawLookbackSample([...byId.keys()], seed, size);

  return store.transaction(async (trx) => {
    const id = await insertLookback(
      trx,
      {
        campaign_id: campaignId,
        place_code: place.code,
        seed,
        size: sample.length,
        created_at: now.toISOString(),
        created_by: createdBy,
        closed_at: null,
        verdict: null,
      },
      sample.map((residentId, i) => {
        const r = byId.get(residentId);
        return {
          position: i + 1,
          county_code: r?.county_code ?? place.code.slice(0, 6),
          resident_id: residentId,
          status_at_draw: r ? statusToday(r, today).status : 'unknown',
          checked_at: null,
          matches: null,
          note: null,
        };
      }),
    );
    return readLookback(trx, await requireLookback(trx, id, undefined));
  });
}
