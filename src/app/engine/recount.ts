import { residentStatus } from '../../domain/campaignStatus.js';
import { shanghaiDate } from '../../domain/calendar.js';
import { clearanceOf, clearanceTransition, NEVER_CLEARED, type Clearance } from '../../domain/clearance.js';
import type { Kysely } from 'kysely';
import type { BulkSink } from '../../store/bulk.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { campaignRules } from '../campaigns/campaignRules.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { emptyTally, tallyStatus, type GridTally } from './gridTally.js';
import { factsOfRange } from './residentFacts.js';
import { CAMPAIGN_RESIDENT_COLUMNS, statusColumns } from './statusRow.js';

const CHUNK = 20_000;

export interface RecountSummary {
  campaignId: number;
  residents: number;
  grids: number;
}

/**
 * Derives every resident's status in a campaign from the stored facts and rewrites the
 * campaign's read model in one transaction. Used after a bulk load (demo, import) and to
 * repair; everyday writes update the read model resident by resident instead.
 */
export async function recountCampaign(
  store: Store,
  campaignId: number,
  progress?: RecountProgress,
): Promise<RecountSummary> {
  // Its own load reads the facts through the store: on PostgreSQL, the pool's connections
  // read in parallel while the load's one connection writes.
  return store.bulk.load((sink) => recountInLoad(store, sink, campaignId, { progress, read: store.db }));
}

export interface RecountProgress {
  stage(label: string, total: number): void;
  tick(n?: number): void;
}

/**
 * The recount as part of a bulk load the caller runs: it reads and writes through the load's
 * own transaction, so a load that adds residents (an import) and the recount of their
 * campaigns commit together or not at all. A kill between two transactions would leave the
 * new residents without campaign statuses, which nothing afterwards puts right. The clearance
 * history it appends is written in the same transaction.
 */
export async function recountInLoad(
  store: Store,
  sink: BulkSink,
  campaignId: number,
  options: {
    progress?: RecountProgress | undefined;
    /** Where the facts are read: the load's own transaction (the default) sees what it wrote. */
    read?: Kysely<Database>;
  } = {},
): Promise<RecountSummary> {
  const { progress, read: db = sink.db } = options;
  const campaign = await requireCampaign(store, campaignId);
  const rules = campaignRules(campaign);
  const today = shanghaiDate(store.now());
  const counties = await db
    .selectFrom('places')
    .select('code')
    .where('level', '=', 'county')
    .where('code', '>=', campaign.place_code)
    .where('code', '<', `${campaign.place_code}:`)
    .execute();
  const total = Number(
    (
      await db
        .selectFrom('residents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(
          'county_code',
          'in',
          counties.map((c) => c.code),
        )
        .executeTakeFirstOrThrow()
    ).n,
  );
  progress?.stage('推算状态 statuses', total);

  const tallies = new Map<string, GridTally>();
  let residents = 0;
  await sink.deleteWhere('campaign_residents', { campaign_id: campaignId });
  await sink.deleteWhere('campaign_grid_counts', { campaign_id: campaignId });
  await sink.deleteWhere('campaign_grid_deferrals', { campaign_id: campaignId });
  await sink.deleteWhere('campaign_grid_daily', { campaign_id: campaignId });
  for (const { code: county } of counties) {
    let after = 0;
    for (;;) {
      const ids = await db
        .selectFrom('residents')
        .select('id')
        .where('county_code', '=', county)
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK)
        .execute();
      const last = ids.at(-1);
      if (!last) break;
      const facts = await factsOfRange(db, county, Number(ids[0]?.id), Number(last.id));
      const rows: unknown[][] = [];
      for (const f of facts) {
        const s = residentStatus(rules, f.resident, f.doses, f.visits, today);
        let t = tallies.get(f.gridCode);
        if (!t) tallies.set(f.gridCode, (t = emptyTally()));
        tallyStatus(t, s, 1);
        const c = statusColumns(s);
        rows.push([
          county,
          campaignId,
          f.id,
          f.gridCode,
          c.status,
          c.reason,
          c.until_date,
          c.follow_up_date,
          c.booked_date,
          c.done_on,
          c.sixty_plus,
          c.last_visit_at,
        ]);
      }
      await sink.insert('campaign_residents', CAMPAIGN_RESIDENT_COLUMNS, rows);
      residents += facts.length;
      progress?.tick(facts.length);
      after = Number(last.id);
    }
  }
  const counts: unknown[][] = [];
  const deferrals: unknown[][] = [];
  const daily: unknown[][] = [];
  for (const [grid, t] of tallies) {
    counts.push([
      campaignId,
      grid,
      t.residents,
      t.ineligible,
      t.done,
      t.exempt,
      t.deferred,
      t.open,
      t.unscreened,
      t.sixtyEligible,
      t.sixtyDone,
    ]);
    for (const [until, n] of t.deferrals) if (n !== 0) deferrals.push([campaignId, grid, until, n]);
    for (const [day, d] of t.daily)
      if (d.done !== 0) daily.push([campaignId, grid, day, d.done, d.sixtyDone]);
  }
  await sink.insert('campaign_grid_counts', GRID_COUNT_COLUMNS, counts);
  await sink.insert('campaign_grid_deferrals', ['campaign_id', 'grid_code', 'until_date', 'n'], deferrals);
  await sink.insert('campaign_grid_daily', ['campaign_id', 'grid_code', 'day', 'done', 'sixty_done'], daily);
  await recordRecountClearance(sink.db, store.now(), campaignId, tallies, today);
  return { campaignId, residents, grids: tallies.size };
}

/**
 * After a recount, each unit's clearance is compared with what its event history says, and
 * the differences are appended (reason `recount`): the history stays the one record of when a
 * unit cleared or reopened, even across repairs and bulk loads.
 */
async function recordRecountClearance(
  db: Kysely<Database>,
  now: Date,
  campaignId: number,
  tallies: Map<string, GridTally>,
  today: string,
): Promise<void> {
  const sums = new Map<string, { unscreened: number; open: number; eligible: number }>();
  for (const [grid, t] of tallies) {
    let due = 0;
    for (const [until, n] of t.deferrals) if (until <= today) due += n;
    for (const len of [15, 12, 9, 6]) {
      const unit = grid.slice(0, len);
      const s = sums.get(unit) ?? { unscreened: 0, open: 0, eligible: 0 };
      s.unscreened += t.unscreened;
      s.open += t.open + due;
      s.eligible += t.residents - t.ineligible;
      sums.set(unit, s);
    }
  }
  const history = await db
    .selectFrom('clearance_events')
    .select(['place_code', 'kind', 'which'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
  const known = new Map<string, Clearance>();
  for (const e of history) {
    const c = { ...(known.get(e.place_code) ?? NEVER_CLEARED) };
    const on = e.kind === 'cleared';
    if (e.which === 'screening') c.screeningCleared = on;
    else if (e.which === 'task') c.taskCleared = on;
    else c.doubleCleared = on;
    known.set(e.place_code, c);
  }
  const at = now.toISOString();
  const rows = [];
  for (const [unit, s] of sums) {
    for (const e of clearanceTransition(known.get(unit) ?? NEVER_CLEARED, clearanceOf(s), at, 'recount')) {
      rows.push({
        campaign_id: campaignId,
        place_code: unit,
        at: e.at,
        kind: e.kind,
        which: e.which,
        reason: e.reason ?? null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('clearance_events')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const GRID_COUNT_COLUMNS = [
  'campaign_id',
  'grid_code',
  'residents',
  'ineligible',
  'done',
  'exempt',
  'deferred',
  'open',
  'unscreened',
  'sixty_eligible',
  'sixty_done',
] as const;
