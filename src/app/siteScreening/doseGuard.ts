/**
 * The rule of issue 8's "bad input": a dose for a resident whose check-in today says postpone (or
 * not suitable) is refused, whichever path the dose comes by (the site's own, POST /doses, the
 * CLI), naming the check-in. Only the latest decision of the day counts: a resident postponed for
 * a high reading in the morning who checks in again, rested, and is recommended may be vaccinated.
 */
import type { Kysely } from 'kysely';
import type { CalendarDate } from '../../domain/calendar.js';
import { businessRule } from '../../domain/errors.js';
import { CONTRAINDICATIONS, type ContraindicationCode } from '../../domain/screening.js';
import { latestDecisionOfDay } from '../../store/fieldops/siteScreeningQueries.js';
import type { Database } from '../../store/schema.js';

export async function refuseDoseAfterPostponement(
  db: Kysely<Database>,
  county: string,
  residentId: number,
  day: CalendarDate,
): Promise<void> {
  const last = await latestDecisionOfDay(db, county, residentId, day);
  if (!last || last.decision === 'recommend') return;
  const ci = last.contraindication as ContraindicationCode | null;
  const what =
    last.decision === 'postpone'
      ? { zh: `推迟接种至 ${last.until_date ?? ''}`, en: `postponed until ${last.until_date ?? ''}` }
      : {
          zh: `不宜接种（${ci ? CONTRAINDICATIONS[ci].label.zh : '禁忌'}）`,
          en: `not suitable (${ci ? CONTRAINDICATIONS[ci].label.en : 'a contraindication'})`,
        };
  throw businessRule({
    code: 'dose.checkin-postponed',
    field: 'resident',
    message: {
      zh: `该居民 ${day} 在“${last.site_name}”的预检登记（${last.id}）医生意见为${what.zh}，不能登记接种`,
      en: `the resident's check-in of ${day} at "${last.site_name}" (${last.id}) says ${what.en}: no dose`,
    },
  });
}
