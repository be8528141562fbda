import type { VisitInput } from '../src/domain/screening.js';

/**
 * Screening visits as grid members record them on the demo evening, a mix of outcomes so the
 * read model moves the way it does in the field (open, deferred, booked): `at` is before the
 * demo's pinned "now" (2021-08-09T10:00Z), as every stored visit must be.
 */
const OUTCOMES: VisitInput[] = [
  { outcome: 'not-found', channel: 'door', at: '2021-08-09T17:05:00+08:00' },
  { outcome: 'refused', channel: 'door', at: '2021-08-09T17:10:00+08:00', reason: '担心副作用' },
  {
    outcome: 'booked',
    channel: 'phone',
    at: '2021-08-09T17:15:00+08:00',
    bookedDate: '2021-08-10',
    site: '易俗河镇卫生院',
  },
  {
    outcome: 'away',
    channel: 'wechat',
    at: '2021-08-09T17:20:00+08:00',
    placeText: '广东东莞',
    untilDate: '2021-09-01',
  },
];

export const benchVisit = (i: number): VisitInput => OUTCOMES[i % OUTCOMES.length] as VisitInput;
