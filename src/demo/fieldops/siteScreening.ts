/**
 * The demo's day at 锦石乡's health centre (2021-08-09): the residents the demo vaccinated there
 * that morning went through the door as the report describes — checked in, temperature and
 * health code taken, blood pressure for the elderly, the contraindication questions, the
 * doctor's decision, the 30 minutes in the observation room, one of them feeling faint (a mild
 * AEFI) — and a few booked residents were turned back: a fever, a blood pressure above 160/100,
 * a yellow health code, an acute illness (postponed), a severe reaction to a vaccine before (not
 * suitable). Those decisions go through the app's own use cases, so they move the residents'
 * statuses as a real site's would.
 *
 * The vaccinated are the demo's own dose records (so progress and the site's stock stay as the
 * earlier seeds left them); their check-ins are written in one transaction. Nothing happens if
 * 锦石乡 has no site. Deterministic: the residents, times and readings come from the records.
 */
import { sql } from 'kysely';
import { shanghaiDayRange } from '../../domain/calendar.js';
import { CONTRAINDICATION_CODES, type ContraindicationCode } from '../../domain/screening.js';
import { suggestDecision, type Screening } from '../../domain/siteScreening.js';
import { observationEndsAt } from '../../domain/siteScreeningObservation.js';
import { storeAefi } from '../../app/siteScreening/aefi.js';
import { checkIn } from '../../app/siteScreening/checkIn.js';
import { decide } from '../../app/siteScreening/decide.js';
import { screen } from '../../app/siteScreening/screen.js';
import { codeRange } from '../../store/codeRange.js';
import { insertCheckin, insertScreening } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import { DEMO_COUNTY } from '../buildDemo.js';
import { JINSHI_TOWNSHIP } from '../plan.js';
import { TODAY } from '../timeline.js';

const VACCINATED = 30;
const BY = '演示数据 demo';
const MINUTE = 60_000;

const noAnswers = (): Record<ContraindicationCode, boolean> =>
  Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, false])) as Record<ContraindicationCode, boolean>;

/** A reading that varies from resident to resident, always the same for the same one. */
const spread = (seed: number, values: readonly number[]): number => values[seed % values.length] as number;

/** A well resident's screening: blood pressure taken from the 60-and-over (the report's cuffs). */
function wellScreening(seed: number, age: number): Screening {
  const old = age >= 60;
  return {
    temperature: spread(seed, [36.2, 36.4, 36.5, 36.6, 36.8, 36.3, 36.7]),
    healthCode: 'green',
    systolic: old ? spread(seed, [124, 132, 138, 146, 128, 152, 118]) : null,
    diastolic: old ? spread(seed, [78, 84, 86, 92, 80, 88, 74]) : null,
    answers: noAnswers(),
  };
}

/** The turned back, in the order they came: what the door found, and the doctor's decision. */
const TURNED_BACK: readonly {
  screening: Partial<Screening>;
  yes?: ContraindicationCode;
  decision: string;
}[] = [
  { screening: { temperature: 37.8 }, decision: 'postpone' },
  { screening: {}, yes: 'severe-allergic-reaction', decision: 'not-suitable' },
  { screening: { systolic: 168, diastolic: 102 }, decision: 'postpone' },
  { screening: { healthCode: 'yellow' }, decision: 'postpone' },
  { screening: {}, yes: 'acute-illness', decision: 'postpone' },
  { screening: { temperature: 37.5 }, decision: 'postpone' },
];

export async function seedSiteScreening(store: Store, campaignId: number): Promise<void> {
  const site = await store.db
    .selectFrom('sites')
    .select(['id', 'name'])
    .where('township_code', '=', JINSHI_TOWNSHIP)
    .where('active', '=', 1)
    .orderBy(sql`case when kind = 'health-centre' then 0 else 1 end`)
    .orderBy('id')
    .executeTakeFirst();
  if (!site) return;
  const siteId = Number(site.id);
  const { start, end } = shanghaiDayRange(TODAY);

  const doses = await store.db
    .selectFrom('dose_records as d')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'd.county_code').onRef('r.id', '=', 'd.resident_id'),
    )
    .select(['d.id', 'd.resident_id', 'd.at', 'r.grid_code', 'r.birth_date'])
    .where('d.county_code', '=', DEMO_COUNTY)
    .where('d.at', '>=', start)
    .where('d.at', '<', end)
    .where('d.site', '=', site.name)
    .where('d.source', '=', 'given')
    // The demo's dose ids are seeded: ordering by them picks the same residents, spread over the day.
    .orderBy('d.id')
    .limit(VACCINATED)
    .execute();
  doses.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const now = store.now().toISOString();
  // The one who felt faint: the eighth of the day, or the last whose observation had ended by evening.
  const settled = doses.filter((d) => Date.parse(d.at) + 12 * MINUTE <= Date.parse(now)).length;
  const faintOne = Math.min(7, settled - 1);

  await store.transaction(async (trx) => {
    for (const [i, d] of doses.entries()) {
      const doseAt = Date.parse(d.at);
      const iso = (offsetMinutes: number) => new Date(doseAt + offsetMinutes * MINUTE).toISOString();
      const age = Number(TODAY.slice(0, 4)) - Number(d.birth_date.slice(0, 4));
      const screening = wellScreening(Number(d.resident_id), age);
      const suggestion = suggestDecision(screening, TODAY);
      const id = `5c3e${String(i).padStart(4, '0')}-0d8a-4b1e-9f00-${String(d.resident_id).padStart(12, '0')}`;
      const faint = i === faintOne;
      // Vaccinated in the last half hour before the evening: still in the observation room.
      const ended = faint ? iso(12) : iso(31) <= now ? iso(31) : null;
      await insertCheckin(trx, {
        county_code: DEMO_COUNTY,
        id,
        resident_id: Number(d.resident_id),
        grid_code: d.grid_code,
        site_id: siteId,
        day: TODAY,
        at: iso(-14),
        checked_in_by: BY,
        decision: 'recommend',
        decided_at: iso(-6),
        decided_by: BY,
        until_date: null,
        contraindication: null,
        decision_note: null,
        against_suggestion: 0,
        screening_id: null,
        visit_id: null,
        dose_id: d.id,
        observation_ends_at: observationEndsAt(d.at),
        observation_ended_at: ended,
        observation_outcome: ended === null ? null : faint ? 'aefi' : 'ok',
        observation_note: null,
      });
      const screeningId = await insertScreening(trx, {
        county_code: DEMO_COUNTY,
        checkin_id: id,
        at: iso(-10),
        screened_by: BY,
        temperature_tenths: Math.round(screening.temperature * 10),
        health_code: screening.healthCode,
        systolic: screening.systolic,
        diastolic: screening.diastolic,
        answers: JSON.stringify(screening.answers),
        suggestion: suggestion.decision,
        flags: JSON.stringify(suggestion.flags.map((f) => f.code)),
      });
      await trx
        .updateTable('site_checkins')
        .set({ screening_id: screeningId })
        .where('county_code', '=', DEMO_COUNTY)
        .where('id', '=', id)
        .execute();
      if (faint) {
        await storeAefi(
          trx,
          {
            what: 'syncope',
            severity: 'mild',
            onsetAt: iso(8),
            outcome: 'recovered',
            description: '留观时头晕、面色苍白，平卧休息、饮温糖水后十分钟内恢复',
            urgent: false,
          },
          {
            county: DEMO_COUNTY,
            residentId: Number(d.resident_id),
            gridCode: d.grid_code,
            doseId: d.id,
            checkinId: id,
            siteId,
          },
          iso(20),
          BY,
          `5c3ea000-0d8a-4b1e-9f03-${String(d.resident_id).padStart(12, '0')}`,
        );
      }
    }
  });

  // The turned back: booked for today in 锦石乡 and still open that evening.
  const { low, high } = codeRange(JINSHI_TOWNSHIP);
  const turnedBack = await store.db
    .selectFrom('campaign_residents as cr')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
    )
    .select(['r.id_number'])
    .where('cr.campaign_id', '=', campaignId)
    .where('cr.grid_code', '>=', low)
    .where('cr.grid_code', '<', high)
    .where('cr.status', 'in', ['open', 'unscreened'])
    .where('r.status', '=', 'active')
    .orderBy(sql`case when cr.booked_date = ${TODAY} then 0 else 1 end`)
    .orderBy('cr.grid_code')
    .orderBy('cr.resident_id')
    .limit(TURNED_BACK.length)
    .execute();
  for (const [i, r] of turnedBack.entries()) {
    const plan = TURNED_BACK[i];
    if (!plan) break;
    const at = (minutes: number) =>
      new Date(Date.parse(`${TODAY}T09:00:00+08:00`) + (i * 47 + minutes) * MINUTE).toISOString();
    const tail = r.id_number.slice(0, 17).padStart(12, '0').slice(-12);
    const { checkin } = await checkIn(store, {
      siteId,
      idNumber: r.id_number,
      at: at(0),
      by: BY,
      id: `5c3e9${String(i).padStart(3, '0')}-0d8a-4b1e-9f01-${tail}`,
    });
    const answers = noAnswers();
    if (plan.yes) answers[plan.yes] = true;
    await screen(store, {
      checkinId: checkin.id,
      temperature: 36.6,
      healthCode: 'green',
      systolic: 134,
      diastolic: 84,
      ...plan.screening,
      answers,
      at: at(3),
      by: BY,
    });
    await decide(store, {
      checkinId: checkin.id,
      decision: plan.decision,
      at: at(6),
      by: BY,
      visitId: `5c3e9${String(i).padStart(3, '0')}-0d8a-4b1e-9f02-${tail}`,
    });
  }
}
