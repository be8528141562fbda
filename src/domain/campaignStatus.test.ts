import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addCounts,
  countStatuses,
  emptyCounts,
  OPEN_REASONS,
  REASON_LABELS,
  residentStatus,
  STATUS_LABELS,
  STATUSES,
  type CampaignRules,
  type ResidentFacts,
  type ResidentStatus,
  type VisitFacts,
} from './campaignStatus.js';
import { addDays } from './calendar.js';
import { VISIT_OUTCOMES } from './screening.js';
import type { DoseRecord } from './vaccines/doseWindows.js';

const TODAY = '2021-08-09';
const FIRST_DOSE: CampaignRules = {
  target: 'first-dose',
  band: { minAge: 18, maxAge: null },
  ageAsOf: '2021-08-01',
};
const FULL: CampaignRules = { ...FIRST_DOSE, target: 'full-series' };
const ADULT: ResidentFacts = { birthDate: '1980-05-01', status: 'active' };
const ELDER: ResidentFacts = { birthDate: '1950-05-01', status: 'active' };

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`).toISOString();
const dose = (date: string, doseNumber = 1, product: DoseRecord['product'] = 'sinovac'): DoseRecord => ({
  product,
  doseNumber,
  date,
});

const statusOf = (
  visits: VisitFacts[],
  doses: DoseRecord[] = [],
  resident: ResidentFacts = ADULT,
  campaign: CampaignRules = FIRST_DOSE,
  today = TODAY,
) => residentStatus(campaign, resident, doses, visits, today);

describe('residentStatus: precedence', () => {
  const permanent: VisitFacts = { outcome: 'contraindicated-permanent', at: at('2021-08-05') };

  it('puts the register status first: moved out or deceased is ineligible, even with doses', () => {
    expect(statusOf([], [dose('2021-08-01')], { ...ADULT, status: 'moved-out' })).toMatchObject({
      status: 'ineligible',
      reason: 'moved-out',
    });
    expect(statusOf([permanent], [], { ...ADULT, status: 'deceased' })).toMatchObject({
      status: 'ineligible',
      reason: 'deceased',
    });
  });

  it('then age on the campaign’s ageAsOf, not on today', () => {
    // Turns 18 on 2021-08-05: after ageAsOf, so not in this campaign.
    expect(statusOf([], [dose('2021-08-06')], { birthDate: '2003-08-05', status: 'active' })).toMatchObject({
      status: 'ineligible',
      reason: 'age',
    });
    expect(statusOf([], [], { birthDate: '2003-08-01', status: 'active' }).status).toBe('unscreened');
  });

  it('then doses: done whatever the visits say', () => {
    const s = statusOf([permanent, { outcome: 'refused', at: at('2021-08-09') }], [dose('2021-08-02')]);
    expect(s).toMatchObject({ status: 'done', doneOn: '2021-08-02' });
    expect(s.lastVisitAt).toBe(at('2021-08-09'));
  });

  it('counts doses on today, not after it', () => {
    expect(statusOf([], [dose(TODAY)]).status).toBe('done');
    expect(statusOf([], [dose('2021-08-10')]).status).toBe('unscreened');
  });

  it('needs the whole series in a full-series campaign', () => {
    expect(statusOf([], [dose('2021-07-01')], ADULT, FULL).status).toBe('unscreened');
    expect(statusOf([], [dose('2021-07-01'), dose('2021-07-29', 2)], ADULT, FULL)).toMatchObject({
      status: 'done',
      doneOn: '2021-07-29',
    });
    expect(statusOf([], [dose('2021-07-01', 1, 'cansino')], ADULT, FULL).status).toBe('done');
  });

  it('then the latest visit, by its instant and not by its place in the list', () => {
    const refused: VisitFacts = { outcome: 'refused', at: at('2021-08-03'), followUpDate: '2021-08-06' };
    const booked: VisitFacts = {
      outcome: 'booked',
      at: at('2021-08-07'),
      bookedDate: '2021-08-10',
      followUpDate: '2021-08-11',
    };
    for (const visits of [
      [refused, booked],
      [booked, refused],
    ]) {
      expect(statusOf(visits)).toMatchObject({
        status: 'open',
        reason: 'booked',
        bookedDate: '2021-08-10',
        followUpDue: false,
        lastVisitAt: booked.at,
      });
    }
  });

  it('takes the one appended later when two visits share an instant', () => {
    const a: VisitFacts = { outcome: 'not-found', at: at('2021-08-07') };
    const b: VisitFacts = { outcome: 'deceased', at: at('2021-08-07') };
    expect(statusOf([a, b]).status).toBe('exempt');
    expect(statusOf([b, a]).status).toBe('open');
  });

  it('maps each latest outcome to its status and reason', () => {
    const table: [VisitFacts, ResidentStatus['status'], string][] = [
      [{ outcome: 'contraindicated-permanent', at: at('2021-08-05') }, 'exempt', 'contraindicated-permanent'],
      [{ outcome: 'moved-out', at: at('2021-08-05') }, 'exempt', 'moved-out'],
      [{ outcome: 'deceased', at: at('2021-08-05') }, 'exempt', 'deceased'],
      [
        { outcome: 'contraindicated-temporary', at: at('2021-08-05'), untilDate: '2021-08-20' },
        'deferred',
        'contraindicated-temporary',
      ],
      [
        { outcome: 'contraindicated-temporary', at: at('2021-08-01'), untilDate: '2021-08-09' },
        'open',
        'deferral-ended',
      ],
      [{ outcome: 'booked', at: at('2021-08-05'), bookedDate: '2021-08-12' }, 'open', 'booked'],
      [{ outcome: 'refused', at: at('2021-08-05') }, 'open', 'refused'],
      [{ outcome: 'away', at: at('2021-08-05'), untilDate: '2021-09-01' }, 'open', 'away'],
      [{ outcome: 'not-found', at: at('2021-08-05') }, 'open', 'not-found'],
      [
        { outcome: 'vaccinated-elsewhere', at: at('2021-08-05'), verified: false },
        'open',
        'claimed-elsewhere',
      ],
      [{ outcome: 'vaccinated-elsewhere', at: at('2021-08-05') }, 'open', 'claimed-elsewhere'],
      [
        { outcome: 'vaccinated-elsewhere', at: at('2021-08-05'), verified: true },
        'open',
        'verified-elsewhere',
      ],
    ];
    for (const [visit, status, reason] of table) {
      expect({ outcome: visit.outcome, ...statusOf([visit]) }).toMatchObject({
        outcome: visit.outcome,
        status,
        reason,
      });
    }
    // Every outcome is covered.
    expect(new Set(table.map(([v]) => v.outcome))).toEqual(new Set(VISIT_OUTCOMES));
  });

  it('is unscreened with no visit', () => {
    expect(statusOf([])).toMatchObject({ status: 'unscreened', followUpDue: false, lastVisitAt: undefined });
  });

  it('makes a resident a visit found moved out exempt before the register is changed', () => {
    expect(statusOf([{ outcome: 'moved-out', at: at('2021-08-05') }])).toMatchObject({
      status: 'exempt',
      reason: 'moved-out',
    });
  });

  it('reopens a resident found again after an exemption visit', () => {
    const visits: VisitFacts[] = [
      { outcome: 'moved-out', at: at('2021-08-01') },
      { outcome: 'not-found', at: at('2021-08-08') },
    ];
    expect(statusOf(visits)).toMatchObject({ status: 'open', reason: 'not-found' });
  });
});

describe('residentStatus: deferral and follow-up', () => {
  const deferred: VisitFacts = {
    outcome: 'contraindicated-temporary',
    at: at('2021-08-02'),
    untilDate: '2021-08-16',
    followUpDate: '2021-08-16',
  };

  it('is deferred until the day before `until`, and open from `until` itself', () => {
    expect(statusOf([deferred], [], ADULT, FIRST_DOSE, '2021-08-15')).toMatchObject({
      status: 'deferred',
      until: '2021-08-16',
      followUpDue: false,
    });
    expect(statusOf([deferred], [], ADULT, FIRST_DOSE, '2021-08-16')).toMatchObject({
      status: 'open',
      reason: 'deferral-ended',
      followUpDue: true,
    });
    expect(statusOf([deferred], [], ADULT, FIRST_DOSE, '2021-08-30').reason).toBe('deferral-ended');
  });

  it('flags a follow-up due on its date and after it, not before', () => {
    const refused: VisitFacts = { outcome: 'refused', at: at('2021-08-05'), followUpDate: '2021-08-08' };
    expect(statusOf([refused], [], ADULT, FIRST_DOSE, '2021-08-07').followUpDue).toBe(false);
    expect(statusOf([refused], [], ADULT, FIRST_DOSE, '2021-08-08').followUpDue).toBe(true);
    expect(statusOf([refused], [], ADULT, FIRST_DOSE, '2021-08-09')).toMatchObject({
      status: 'open',
      reason: 'refused',
      followUpDue: true,
      followUpDate: '2021-08-08',
    });
  });

  it('is never due for an exempt resident', () => {
    const v: VisitFacts = { outcome: 'deceased', at: at('2021-08-01'), followUpDate: '2021-08-02' };
    expect(statusOf([v]).followUpDue).toBe(false);
  });
});

describe('residentStatus: sixtyPlus', () => {
  it('is the age on the campaign’s ageAsOf', () => {
    expect(statusOf([], [], ELDER).sixtyPlus).toBe(true);
    expect(statusOf([], [], ADULT).sixtyPlus).toBe(false);
    // 60 on 2021-08-02: one day after ageAsOf.
    expect(statusOf([], [], { birthDate: '1961-08-02', status: 'active' }).sixtyPlus).toBe(false);
    expect(statusOf([], [], { birthDate: '1961-08-01', status: 'active' }).sixtyPlus).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const dayArb = fc.integer({ min: -30, max: 30 }).map((n) => addDays(TODAY, n));
const instantArb = fc
  .tuple(fc.integer({ min: -30, max: 0 }), fc.integer({ min: 0, max: 23 }))
  .map(([n, h]) => at(addDays(TODAY, n), `${String(h).padStart(2, '0')}:00`));
const visitArb: fc.Arbitrary<VisitFacts> = fc.record(
  {
    outcome: fc.constantFrom(...VISIT_OUTCOMES),
    at: instantArb,
    untilDate: dayArb,
    followUpDate: dayArb,
    bookedDate: dayArb,
    verified: fc.boolean(),
  },
  { requiredKeys: ['outcome', 'at'] },
);
const doseArb: fc.Arbitrary<DoseRecord> = fc.record({
  product: fc.constantFrom('sinovac', 'sinopharm-bibp', 'cansino', 'zf2001' as const),
  doseNumber: fc.integer({ min: 1, max: 4 }),
  date: dayArb,
});
const residentArb: fc.Arbitrary<ResidentFacts> = fc.record({
  birthDate: fc.integer({ min: -100 * 366, max: 0 }).map((n) => addDays('2021-08-01', n)),
  status: fc.constantFrom('active', 'active', 'active', 'moved-out', 'deceased' as const),
});
const campaignArb: fc.Arbitrary<CampaignRules> = fc.record({
  target: fc.constantFrom('first-dose', 'full-series', 'booster' as const),
  band: fc.constantFrom(
    { minAge: 18, maxAge: 59 },
    { minAge: 60, maxAge: null },
    { minAge: 12, maxAge: null },
  ),
  ageAsOf: fc.constant('2021-08-01'),
});
const caseArb = fc.record({
  campaign: campaignArb,
  resident: residentArb,
  doses: fc.array(doseArb, { maxLength: 3 }),
  visits: fc.array(visitArb, { maxLength: 4 }),
});

describe('residentStatus: laws', () => {
  it('an active, eligible resident with a dose before today is done in a first-dose campaign, whatever the visits', () => {
    fc.assert(
      fc.property(
        fc.array(visitArb, { maxLength: 5 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(doseArb, { maxLength: 2 }),
        (visits, daysAgo, others) => {
          const d = dose(addDays(TODAY, -daysAgo));
          const s = statusOf(visits, [...others, d]);
          return s.status === 'done' && s.doneOn !== undefined && s.doneOn <= d.date;
        },
      ),
    );
  });

  it('adding a later visit never changes a done status', () => {
    fc.assert(
      fc.property(caseArb, visitArb, ({ campaign, resident, doses, visits }, extra) => {
        const before = residentStatus(campaign, resident, doses, visits, TODAY);
        if (before.status !== 'done') return true;
        const after = residentStatus(campaign, resident, doses, [...visits, extra], TODAY);
        return after.status === 'done' && after.doneOn === before.doneOn;
      }),
    );
  });

  it('does not depend on the order of visits with distinct instants, or of doses', () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => new Set(c.visits.map((v) => v.at)).size === c.visits.length),
        ({ campaign, resident, doses, visits }) => {
          const a = residentStatus(campaign, resident, doses, visits, TODAY);
          const b = residentStatus(campaign, resident, [...doses].reverse(), [...visits].reverse(), TODAY);
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('gives each status only its own reasons and fields', () => {
    fc.assert(
      fc.property(caseArb, ({ campaign, resident, doses, visits }) => {
        const s = residentStatus(campaign, resident, doses, visits, TODAY);
        expect(STATUSES).toContain(s.status);
        if (s.status === 'done') expect(s.doneOn <= TODAY).toBe(true);
        if (s.status === 'deferred') expect(s.until > TODAY).toBe(true);
        if (s.status !== 'open') expect(s.followUpDue).toBe(false);
        if (s.reason !== undefined) expect(REASON_LABELS[s.reason]).toBeDefined();
      }),
    );
  });
});

describe('countStatuses', () => {
  it('counts a small unit', () => {
    const statuses = [
      statusOf([]),
      statusOf([], [dose('2021-08-01')], ELDER),
      statusOf([], [], ELDER),
      statusOf([{ outcome: 'refused', at: at('2021-08-01'), followUpDate: '2021-08-04' }]),
      statusOf([{ outcome: 'away', at: at('2021-08-01'), untilDate: '2021-09-01' }]),
      statusOf([{ outcome: 'deceased', at: at('2021-08-01') }]),
      statusOf([{ outcome: 'contraindicated-temporary', at: at('2021-08-01'), untilDate: '2021-08-20' }]),
      statusOf([], [], { birthDate: '2010-01-01', status: 'active' }),
    ];
    const c = countStatuses(statuses);
    expect(c).toMatchObject({
      residents: 8,
      ineligible: 1,
      eligible: 7,
      done: 1,
      exempt: 1,
      deferred: 1,
      open: 2,
      unscreened: 2,
      followUpDue: 1,
      sixtyPlus: { eligible: 2, done: 1 },
    });
    expect(c.openByReason).toMatchObject({ refused: 1, away: 1, booked: 0 });
  });

  it('counts nothing as zeros', () => {
    expect(countStatuses([])).toEqual(emptyCounts());
  });

  it('law: the six counts sum to residents; eligible = residents − ineligible; reasons sum to open', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), (cases) => {
        const statuses = cases.map((c) => residentStatus(c.campaign, c.resident, c.doses, c.visits, TODAY));
        const n = countStatuses(statuses);
        const six = n.ineligible + n.done + n.exempt + n.deferred + n.open + n.unscreened;
        const reasons = OPEN_REASONS.reduce((sum, r) => sum + n.openByReason[r], 0);
        return (
          six === n.residents &&
          n.residents === statuses.length &&
          n.eligible === n.residents - n.ineligible &&
          reasons === n.open &&
          n.followUpDue <= n.open &&
          n.sixtyPlus.done <= n.sixtyPlus.eligible &&
          n.sixtyPlus.eligible <= n.eligible
        );
      }),
    );
  });

  it('law: counting two parts and adding them is counting the whole', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 20 }), fc.array(caseArb, { maxLength: 20 }), (xs, ys) => {
        const s = (cs: typeof xs) =>
          cs.map((c) => residentStatus(c.campaign, c.resident, c.doses, c.visits, TODAY));
        expect(addCounts(countStatuses(s(xs)), countStatuses(s(ys)))).toEqual(
          countStatuses([...s(xs), ...s(ys)]),
        );
      }),
    );
  });

  it('has a bilingual label for every status and reason', () => {
    for (const s of STATUSES) expect(STATUS_LABELS[s].zh && STATUS_LABELS[s].en).toBeTruthy();
    for (const l of Object.values(REASON_LABELS)) expect(l.zh && l.en).toBeTruthy();
  });
});
