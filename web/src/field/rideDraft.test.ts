import { describe, expect, it } from 'vitest';
import { checkRide, windowsFor, type RideDraft } from './rideDraft.js';

const TODAY = '2021-08-09';
const SITE = { id: 3, name: '锦石乡卫生院接种点', address: '锦石乡', opens: '08:00', closes: '17:00' };
const KEY = { county: '430321', id: 42 };
const draft: RideDraft = {
  day: '2021-08-10',
  window: '08:00-10:00',
  siteId: '',
  pickUp: '',
  wheelchair: true,
  companion: false,
  note: ' ',
};

describe('a ride booking', () => {
  it('becomes the transport API’s body, blank text left out', () => {
    expect(checkRide(draft, KEY, TODAY, [SITE], 1)).toEqual({
      ok: true,
      body: {
        residentId: 42,
        county: '430321',
        day: '2021-08-10',
        window: '08:00-10:00',
        wheelchair: true,
        companion: false,
        campaignId: 1,
      },
    });
  });

  it('names the site when one is chosen, and reads the window the domain’s way', () => {
    const r = checkRide({ ...draft, siteId: '3', window: '8:00 至 10:00' }, KEY, TODAY, [SITE], undefined);
    expect(r.ok && r.body).toMatchObject({ siteId: 3, window: '08:00-10:00' });
  });

  it('refuses a past day, a window it cannot read, and one starting after the site closes', () => {
    const past = checkRide({ ...draft, day: '2021-08-08' }, KEY, TODAY, [], undefined);
    expect(past.ok ? [] : past.errors.map((e) => e.field)).toEqual(['day']);
    const bad = checkRide({ ...draft, window: '10:00-08:00' }, KEY, TODAY, [], undefined);
    expect(bad.ok ? [] : bad.errors[0]?.message.zh).toMatch(/接送时段/);
    const late = checkRide({ ...draft, siteId: '3', window: '17:00-18:00' }, KEY, TODAY, [SITE], undefined);
    expect(late.ok ? [] : late.errors.map((e) => e.field)).toEqual(['window']);
  });

  it('offers only windows that start before the site closes', () => {
    expect(windowsFor({ ...SITE, closes: '12:00' })).toEqual(['08:00-10:00', '10:00-12:00']);
    expect(windowsFor(undefined)).toHaveLength(4);
  });
});
