import { describe, expect, it } from 'vitest';
import type { ChangesAnswer } from '../commandApi.js';
import { nextDoseDue, residentRecords } from './residentRecords.js';

const feed: ChangesAnswer = {
  cursor: 3,
  more: false,
  items: [
    {
      seq: 1,
      entity: 'visit',
      id: 'v1',
      residentId: 7,
      gridCode: '430321205206001',
      record: {
        at: '2021-08-01T02:00:00.000Z',
        outcome: 'booked',
        channel: 'door',
        bookedDate: '2021-08-03',
      },
    },
    {
      seq: 2,
      entity: 'dose',
      id: 'd1',
      residentId: 7,
      gridCode: '430321205206001',
      record: { at: '2021-08-03T02:00:00.000Z', product: 'sinovac', doseNumber: 1, lot: 'L1' },
    },
    { seq: 3, entity: 'dose', id: 'd2', residentId: 8, gridCode: '430321205206001', record: { at: 'x' } },
  ],
};

describe('residentRecords', () => {
  it('keeps the resident’s own visits and doses, newest first', () => {
    const r = residentRecords(feed, 7);
    expect(r.visits.map((v) => [v.id, v.outcome, v.bookedDate])).toEqual([['v1', 'booked', '2021-08-03']]);
    expect(r.doses.map((d) => [d.id, d.product, d.doseNumber, d.lot])).toEqual([['d1', 'sinovac', 1, 'L1']]);
  });
});

describe('nextDoseDue', () => {
  it('gives the second inactivated dose three weeks after the first', () => {
    const due = nextDoseDue(residentRecords(feed, 7).doses, '2021-08-09');
    expect(due?.doseNumber).toBe(2);
    expect(due?.earliest).toBe('2021-08-24');
  });
  it('says nothing without a dose to reckon from', () => {
    expect(nextDoseDue([], '2021-08-09')).toBeUndefined();
  });
});
