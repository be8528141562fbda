/** The cadres answerable for units (包保责任人): one row per township or village. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { AnswerableCadresTable } from './teamsTables.js';

export type AnswerableRow = Selectable<AnswerableCadresTable>;

/** The cadres of these units (those that have one), in chunks the engines' parameter limits allow. */
export async function answerableRows(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<AnswerableRow[]> {
  const out: AnswerableRow[] = [];
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(
      ...(await db.selectFrom('answerable_cadres').selectAll().where('place_code', 'in', chunk).execute()),
    );
  }
  return out;
}

/** Sets (or replaces) a unit's cadre; returns the one it replaced. */
export async function upsertAnswerable(
  db: Kysely<Database>,
  row: AnswerableRow,
): Promise<AnswerableRow | undefined> {
  const before = await db
    .selectFrom('answerable_cadres')
    .selectAll()
    .where('place_code', '=', row.place_code)
    .executeTakeFirst();
  const { place_code: _key, ...rest } = row;
  await db
    .insertInto('answerable_cadres')
    .values(row)
    .onConflict((oc) => oc.column('place_code').doUpdateSet(rest))
    .execute();
  return before;
}
