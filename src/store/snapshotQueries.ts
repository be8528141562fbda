import type { Kysely } from 'kysely';
import type { DailyReport } from '../domain/dailyReport.js';
import type { Database, DailySnapshotsTable } from './schema.js';

export interface StoredSnapshot {
  placeCode: string;
  date: string;
  cutoff: string;
  takenAt: string;
  report: DailyReport;
}

const parse = (r: DailySnapshotsTable): StoredSnapshot => ({
  placeCode: r.place_code,
  date: r.date,
  cutoff: r.cutoff,
  takenAt: r.taken_at,
  // A stored snapshot is by definition the frozen report of its day.
  report: { ...(JSON.parse(r.model) as DailyReport), frozen: true },
});

export async function findSnapshot(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  date: string,
): Promise<StoredSnapshot | undefined> {
  const row = await db
    .selectFrom('daily_snapshots')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('place_code', '=', placeCode)
    .where('date', '=', date)
    .executeTakeFirst();
  return row ? parse(row) : undefined;
}

/**
 * The snapshots taken before `date` of the place itself or of a unit containing it (a county's
 * snapshot holds its townships and villages), oldest first: what earlier reports said.
 */
export async function snapshotsBefore(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  date: string,
): Promise<StoredSnapshot[]> {
  const prefixes: string[] = [];
  for (const len of [6, 9, 12]) if (len <= placeCode.length) prefixes.push(placeCode.slice(0, len));
  const rows = await db
    .selectFrom('daily_snapshots')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('place_code', 'in', prefixes)
    .where('date', '<', date)
    .orderBy('date')
    .orderBy('place_code')
    .execute();
  return rows.map(parse);
}

/** Writes a snapshot unless one is there for the day; `replace` overwrites it (a retake). */
export async function saveSnapshot(
  db: Kysely<Database>,
  campaignId: number,
  report: DailyReport,
  takenAt: string,
  replace: boolean,
): Promise<boolean> {
  const row: DailySnapshotsTable = {
    campaign_id: campaignId,
    place_code: report.unit.code,
    date: report.date,
    cutoff: report.cutoff,
    taken_at: takenAt,
    model: JSON.stringify(report),
  };
  const result = await db
    .insertInto('daily_snapshots')
    .values(row)
    .onConflict((oc) => {
      const target = oc.columns(['campaign_id', 'place_code', 'date']);
      return replace
        ? target.doUpdateSet({ cutoff: row.cutoff, taken_at: row.taken_at, model: row.model })
        : target.doNothing();
    })
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
