import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, dateFromDayNumber, dayNumber } from './calendar.js';
import {
  DEFERRAL_LOOKAHEAD_DAYS,
  WORKLIST_TIER_LABELS,
  nextAction,
  orderWorklist,
  worklistTier,
  type OpenReason,
  type WorklistEntry,
  type WorklistStatus,
} from './worklist.js';

const TODAY = '2021-08-09';
const GRID = '430321101201001';

let nextId = 1;
function resident(
  over: Partial<WorklistEntry> & Pick<WorklistEntry, 'name' | 'birthDate' | 'status'>,
): WorklistEntry {
  return {
    residentId: nextId++,
    gridCode: GRID,
    householdId: `H${nextId}`,
    limitedMobility: false,
    remote: false,
    ...over,
  };
}

describe('orderWorklist', () => {
  const lijianguo = resident({
    name: '李建国',
    birthDate: '1955-05-02',
    householdId: 'H1',
    status: 'open',
    openReason: 'refused',
    followUpDate: '2021-08-08',
  });
  const lixiuying = resident({
    name: '李秀英',
    birthDate: '1958-11-20',
    householdId: 'H1',
    status: 'open',
    openReason: 'booked',
    bookedDate: TODAY,
  });
  const zhangguilan = resident({
    name: '张桂兰',
    birthDate: '1950-03-01',
    householdId: 'H2',
    status: 'open',
    openReason: 'booked',
    bookedDate: '2021-08-10',
    limitedMobility: true,
  });
  const wangxiaoming = resident({
    name: '王小明',
    birthDate: '1990-07-15',
    householdId: 'H3',
    status: 'open',
    openReason: 'away',
    followUpDate: TODAY,
    untilDate: '2021-09-01',
  });
  const zhaoli = resident({ name: '赵丽', birthDate: '1985-01-09', householdId: 'H4', status: 'unscreened' });
  const liufu = resident({ name: '刘福', birthDate: '1940-12-30', householdId: 'H5', status: 'unscreened' });
  const chenjing = resident({
    name: '陈静',
    birthDate: '1995-02-14',
    householdId: 'H6',
    status: 'open',
    openReason: 'not-found',
    followUpDate: '2021-08-12',
  });
  const zhouqiang = resident({ name: '周强', birthDate: '1980-06-01', householdId: 'H7', status: 'open' });
  const wumei = resident({
    name: '吴梅',
    birthDate: '1970-04-04',
    householdId: 'H8',
    status: 'deferred',
    untilDate: '2021-08-11',
  });
  const later = resident({
    name: '孙亮',
    birthDate: '1975-09-09',
    householdId: 'H9',
    status: 'deferred',
    untilDate: '2021-08-20',
  });
  const done = resident({ name: '钱多', birthDate: '1960-01-01', householdId: 'H1', status: 'done' });
  const exempt = resident({ name: '郑好', birthDate: '1930-01-01', householdId: 'H2', status: 'exempt' });
  const ineligible = resident({
    name: '冯小',
    birthDate: '2015-01-01',
    householdId: 'H3',
    status: 'ineligible',
  });

  const all = [
    later,
    zhouqiang,
    wumei,
    done,
    chenjing,
    zhaoli,
    exempt,
    liufu,
    wangxiaoming,
    zhangguilan,
    ineligible,
    lixiuying,
    lijianguo,
  ];

  it('puts the tiers in the grid head’s order and keeps households together', () => {
    const list = orderWorklist(all, TODAY);
    expect(list.map((i) => i.name)).toEqual([
      // 1. 60+ due: household H1 (李建国 before 李秀英 by name), then H2
      '李建国',
      '李秀英',
      '张桂兰',
      // 2. others due
      '王小明',
      // 3. unscreened, 60+ first
      '刘福',
      '赵丽',
      // 4. open, nothing due: no follow-up date first, then by date
      '周强',
      '陈静',
      // 5. deferral ending within 3 days
      '吴梅',
    ]);
    expect(list.map((i) => i.tier)).toEqual([1, 1, 1, 2, 3, 3, 4, 4, 5]);
    expect(WORKLIST_TIER_LABELS[1].zh).toContain('60');
  });

  it('gives each entry its next action', () => {
    const byName = new Map(orderWorklist(all, TODAY).map((i) => [i.name, i]));
    const code = (name: string): string | undefined => byName.get(name)?.nextAction.code;
    expect(code('李建国')).toBe('follow-up'); // refused: persuade
    expect(byName.get('李建国')?.nextAction.label.zh).toContain('动员');
    expect(code('李秀英')).toBe('remind-booking'); // 60+, mobile, not remote: remind, offer a ride
    expect(byName.get('李秀英')?.nextAction.label.zh).toContain('接送');
    expect(code('张桂兰')).toBe('arrange-transport'); // booked, limited mobility
    expect(byName.get('张桂兰')?.nextAction.label.zh).toContain('2021-08-10');
    expect(code('王小明')).toBe('phone-away');
    expect(byName.get('王小明')?.nextAction.label.zh).toContain('2021-09-01');
    expect(code('刘福')).toBe('visit');
    expect(code('陈静')).toBe('visit'); // not found: another time of day
    expect(byName.get('陈静')?.nextAction.label.en).toContain('different time');
    expect(code('周强')).toBe('visit');
    expect(code('吴梅')).toBe('recheck-deferral');
  });

  it('annotates age and lists the others of the household on the worklist', () => {
    const list = orderWorklist(all, TODAY);
    const first = list[0];
    expect(first).toMatchObject({
      name: '李建国',
      age: 66,
      sixtyPlus: true,
      alsoAtDoor: [lixiuying.residentId],
    });
    // 钱多 of the same household is done: not on the worklist, not at the door.
    expect(list[1]?.alsoAtDoor).toEqual([lijianguo.residentId]);
    expect(list[2]?.alsoAtDoor).toEqual([]);
  });

  it('keeps the caller’s own fields', () => {
    const list = orderWorklist([{ ...zhaoli, phone: '13800000000' }], TODAY);
    expect(list[0]?.phone).toBe('13800000000');
  });

  it('measures age on the campaign’s date', () => {
    const turning = resident({ name: '何平', birthDate: '1961-08-20', status: 'unscreened' });
    expect(orderWorklist([turning], TODAY)[0]?.sixtyPlus).toBe(false);
    expect(orderWorklist([turning], TODAY, '2021-08-31')[0]).toMatchObject({ age: 60, sixtyPlus: true });
    expect(orderWorklist([turning], TODAY, '2021-08-20')[0]?.age).toBe(60); // the birthday itself
  });
});

describe('worklistTier', () => {
  const base = { name: '某', birthDate: '1950-01-01' } as const;

  it('counts a follow-up due on or before today, not tomorrow', () => {
    expect(worklistTier(resident({ ...base, status: 'open', followUpDate: TODAY }), TODAY)).toBe(1);
    expect(worklistTier(resident({ ...base, status: 'open', followUpDate: '2021-08-10' }), TODAY)).toBe(4);
  });

  it('counts a booking for today, tomorrow or already missed as due, not one in two days', () => {
    for (const bookedDate of ['2021-08-05', TODAY, '2021-08-10']) {
      expect(
        worklistTier(resident({ ...base, status: 'open', openReason: 'booked', bookedDate }), TODAY),
      ).toBe(1);
    }
    expect(
      worklistTier(
        resident({ ...base, status: 'open', openReason: 'booked', bookedDate: '2021-08-11' }),
        TODAY,
      ),
    ).toBe(4);
    expect(
      worklistTier(
        resident({
          name: '某',
          birthDate: '1990-01-01',
          status: 'open',
          openReason: 'booked',
          bookedDate: TODAY,
        }),
        TODAY,
      ),
    ).toBe(2);
  });

  it('takes deferrals ending within the look-ahead, or already ended, and no others', () => {
    const deferred = (untilDate?: string): WorklistEntry =>
      resident({ ...base, status: 'deferred', ...(untilDate === undefined ? {} : { untilDate }) });
    expect(DEFERRAL_LOOKAHEAD_DAYS).toBe(3);
    expect(worklistTier(deferred('2021-08-01'), TODAY)).toBe(5);
    expect(worklistTier(deferred(addDays(TODAY, 3)), TODAY)).toBe(5);
    expect(worklistTier(deferred(addDays(TODAY, 4)), TODAY)).toBeNull();
    expect(worklistTier(deferred(), TODAY)).toBeNull();
  });

  it('leaves done, exempt and ineligible off', () => {
    for (const status of ['done', 'exempt', 'ineligible'] as const) {
      expect(worklistTier(resident({ ...base, status, followUpDate: TODAY }), TODAY)).toBeNull();
    }
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() =>
      worklistTier(resident({ ...base, status: 'open', followUpDate: '2021-02-30' }), TODAY),
    ).toThrow(RangeError);
    expect(() => orderWorklist([], '2021-13-01')).toThrow(RangeError);
  });
});

describe('nextAction', () => {
  const booked = { name: '某', status: 'open', openReason: 'booked', bookedDate: '2021-08-10' } as const;

  it('arranges transport for the immobile and the remote, at any age', () => {
    expect(nextAction(resident({ ...booked, birthDate: '1990-01-01', remote: true }), TODAY).code).toBe(
      'arrange-transport',
    );
    expect(
      nextAction(resident({ ...booked, birthDate: '1990-01-01', limitedMobility: true }), TODAY).code,
    ).toBe('arrange-transport');
    const young = nextAction(resident({ ...booked, birthDate: '1990-01-01' }), TODAY);
    expect(young.code).toBe('remind-booking');
    expect(young.label.zh).not.toContain('接送');
  });

  it('visits someone away whose return date has passed instead of phoning', () => {
    const away = { name: '某', birthDate: '1990-01-01', status: 'open', openReason: 'away' } as const;
    expect(nextAction(resident({ ...away, untilDate: '2021-08-01' }), TODAY).code).toBe('visit');
    expect(nextAction(resident({ ...away, untilDate: '2021-08-30' }), TODAY).code).toBe('phone-away');
    expect(nextAction(resident(away), TODAY).code).toBe('phone-away');
  });

  it('follows up a hesitant resident, and one with a plan but no reason', () => {
    const open = { name: '某', birthDate: '1990-01-01', status: 'open' } as const;
    expect(nextAction(resident({ ...open, openReason: 'hesitant' }), TODAY).code).toBe('follow-up');
    expect(nextAction(resident({ ...open, followUpDate: '2021-08-12' }), TODAY).code).toBe('follow-up');
  });
});

// Laws ------------------------------------------------------------------------------------

const STATUSES: WorklistStatus[] = ['open', 'unscreened', 'deferred', 'done', 'exempt', 'ineligible'];
const REASONS: (OpenReason | undefined)[] = [undefined, 'booked', 'refused', 'hesitant', 'away', 'not-found'];
const near = fc.option(
  fc.integer({ min: -10, max: 10 }).map((d) => addDays(TODAY, d)),
  { nil: undefined },
);

const entryArb = fc.record({
  name: fc.constantFrom('李建国', '李秀英', '张桂兰', '王小明', '赵丽', '刘福', 'Li'),
  birthDate: fc
    .integer({ min: dayNumber('1925-01-01'), max: dayNumber('2009-12-31') })
    .map(dateFromDayNumber),
  householdId: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom('H1', 'H2', 'H10')),
  status: fc.constantFrom(...STATUSES),
  openReason: fc.constantFrom(...REASONS),
  followUpDate: near,
  untilDate: near,
  bookedDate: near,
  limitedMobility: fc.boolean(),
  remote: fc.boolean(),
});

const entriesArb = fc
  .array(entryArb, { maxLength: 40 })
  .map((es) =>
    es.map((e, i): WorklistEntry => ({ ...e, residentId: i % 2 === 0 ? i : `R${i}`, gridCode: GRID })),
  );

describe('laws', () => {
  it('is a permutation of the entries that need something', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const list = orderWorklist(entries, TODAY);
        const eligible = entries.filter((e) => worklistTier(e, TODAY) !== null);
        expect(list).toHaveLength(eligible.length);
        expect(new Set(list.map((i) => i.residentId))).toEqual(new Set(eligible.map((e) => e.residentId)));
        for (const item of list) expect(['done', 'exempt', 'ineligible']).not.toContain(item.status);
      }),
    );
  });

  it('does not depend on the order the entries came in', () => {
    const withPermutation = entriesArb.chain((entries) =>
      fc.tuple(
        fc.constant(entries),
        fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([entries, shuffled]) => {
        expect(orderWorklist(shuffled, TODAY)).toEqual(orderWorklist(entries, TODAY));
      }),
    );
  });

  it('never puts a later tier first, and keeps due households together', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const list = orderWorklist(entries, TODAY);
        for (let i = 1; i < list.length; i++) {
          expect((list[i - 1]?.tier ?? 0) <= (list[i]?.tier ?? 0)).toBe(true);
        }
        // In tiers 1 and 2 a household's members are contiguous.
        for (const tier of [1, 2]) {
          const households = list.filter((i) => i.tier === tier).map((i) => i.householdId);
          const seen = new Set<number | string>();
          households.forEach((h, i) => {
            if (i > 0 && households[i - 1] !== h) expect(seen.has(h)).toBe(false);
            seen.add(h);
          });
        }
        // Everyone at the same door is listed at each other's door.
        for (const item of list) {
          for (const other of item.alsoAtDoor) {
            expect(list.find((i) => i.residentId === other)?.householdId).toBe(item.householdId);
          }
        }
      }),
    );
  });
});
