/**
 * The data group's (数据研判) view of who is still open: by reason, by age band, and the villages
 * where refusals and "away" concentrate — the places an attack team or a call from the township
 * head makes the difference. Tallied resident by resident as the figures are read, so a county's
 * hundred thousand open residents are never held in memory.
 */
import { ageOn } from '../../domain/age.js';
import type { CalendarDate } from '../../domain/calendar.js';
import { OPEN_REASONS, REASON_LABELS, type OpenReason } from '../../domain/campaignStatus.js';
import type { DailyReport } from '../../domain/dailyReport.js';

/** The report's age bands, youngest first; under 12 appears only when a campaign reaches it. */
export const AGE_BANDS = [
  { band: '0–11', max: 11 },
  { band: '12–17', max: 17 },
  { band: '18–59', max: 59 },
  { band: '60–69', max: 69 },
  { band: '70–79', max: 79 },
  { band: '80+', max: Infinity },
] as const;

/** How many villages each hotspot list names. */
export const HOTSPOTS = 10;

export interface OpenTally {
  byReason: Record<OpenReason, number>;
  byBand: number[];
  refusedByVillage: Map<string, number>;
  awayByVillage: Map<string, number>;
}

export function emptyOpenTally(): OpenTally {
  return {
    byReason: Object.fromEntries(OPEN_REASONS.map((r) => [r, 0])) as Record<OpenReason, number>,
    byBand: AGE_BANDS.map(() => 0),
    refusedByVillage: new Map(),
    awayByVillage: new Map(),
  };
}

const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** Counts one open resident; age is measured on the campaign's as-of day, as eligibility is. */
export function addOpen(
  t: OpenTally,
  gridCode: string,
  reason: OpenReason,
  birthDate: CalendarDate,
  ageAsOf: CalendarDate,
): void {
  t.byReason[reason]++;
  const age = ageOn(birthDate, ageAsOf);
  const i = AGE_BANDS.findIndex((b) => age <= b.max);
  const band = i < 0 ? AGE_BANDS.length - 1 : i;
  t.byBand[band] = (t.byBand[band] ?? 0) + 1;
  const village = gridCode.slice(0, 12);
  if (reason === 'refused') bump(t.refusedByVillage, village);
  else if (reason === 'away') bump(t.awayByVillage, village);
}

function hotspots(
  m: Map<string, number>,
  nameOf: (code: string) => string,
): DailyReport['analysis']['refusalHotspots'] {
  return [...m]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, HOTSPOTS)
    .map(([code, n]) => ({ code, name: nameOf(code), n }));
}

/** The analysis section of the report: reasons by count (largest first), bands in age order. */
export function analysisOf(t: OpenTally, nameOf: (code: string) => string): DailyReport['analysis'] {
  const order = new Map(OPEN_REASONS.map((r, i) => [r, i]));
  return {
    openByReason: OPEN_REASONS.map((reason) => ({
      reason,
      label: REASON_LABELS[reason],
      n: t.byReason[reason],
    })).sort(
      (a, b) =>
        b.n - a.n || (order.get(a.reason as OpenReason) ?? 0) - (order.get(b.reason as OpenReason) ?? 0),
    ),
    openByAgeBand: AGE_BANDS.map((b, i) => ({ band: b.band, n: t.byBand[i] ?? 0 })).filter(
      (b, i) => i > 0 || b.n > 0,
    ),
    refusalHotspots: hotspots(t.refusedByVillage, nameOf),
    awayHotspots: hotspots(t.awayByVillage, nameOf),
  };
}
