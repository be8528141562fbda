import { CONTRAINDICATION_CODES, type ContraindicationCode } from '../../src/domain/screening.js';
import type { Store } from '../../src/store/openStore.js';

/** 锦石乡's health centre and 乌石镇's, inserted directly (the sites area owns their use cases). */
export async function insertSite(store: Store, township: string, name: string, active = 1): Promise<number> {
  const row = await store.db
    .insertInto('sites')
    .values({
      county_code: township.slice(0, 6),
      township_code: township,
      name,
      kind: 'health-centre',
      address: '',
      opens: '08:00',
      closes: '17:30',
      daily_capacity: 300,
      active,
      created_at: '2021-07-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** All five questions answered no, but for those named. */
export const answers = (...yes: ContraindicationCode[]): Record<ContraindicationCode, boolean> =>
  Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, yes.includes(c)])) as Record<
    ContraindicationCode,
    boolean
  >;

/** A well resident's screening at the door. */
export const well = {
  temperature: 36.5,
  healthCode: 'green',
  systolic: 128,
  diastolic: 82,
  answers: answers(),
};
