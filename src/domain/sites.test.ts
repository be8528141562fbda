import { describe, expect, it } from 'vitest';
import { checkCapacity, checkHours, clockMinutes, siteCapacity, validSiteOrThrow } from './sites.js';

const health = {
  name: ' 锦石乡卫生院 ',
  kind: 'health-centre',
  opens: '08:00',
  closes: '17:30',
  dailyCapacity: 600,
};

describe('sites', () => {
  it('reads HH:MM wall-clock times', () => {
    expect(clockMinutes('08:00')).toBe(480);
    expect(clockMinutes('17:30')).toBe(1050);
    expect(clockMinutes('23:59')).toBe(1439);
    for (const bad of ['8:00', '24:00', '12:60', '0800', '', '08:00:00'])
      expect(clockMinutes(bad)).toBeUndefined();
  });

  it('takes a site with hours and a capacity, trimmed', () => {
    expect(validSiteOrThrow(health)).toEqual({
      name: '锦石乡卫生院',
      kind: 'health-centre',
      address: '',
      opens: '08:00',
      closes: '17:30',
      dailyCapacity: 600,
    });
  });

  it('refuses hours that do not open before they close, and malformed ones', () => {
    expect(() => checkHours('17:30', '08:00')).toThrow(
      expect.objectContaining({ code: 'site.hours', kind: 'invalid-input' }),
    );
    expect(() => checkHours('08:00', '08:00')).toThrow(
      expect.objectContaining({ code: 'site.hours', detail: expect.objectContaining({ field: 'closes' }) }),
    );
    expect(() => checkHours('8', '17:30')).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ field: 'opens' }) }),
    );
  });

  it('refuses a capacity that is not a whole number above 0', () => {
    for (const bad of [0, -5, 1.5, Number.NaN]) {
      expect(() => checkCapacity(bad)).toThrow(expect.objectContaining({ code: 'site.capacity' }));
    }
    expect(() => validSiteOrThrow({ ...health, kind: 'tent' })).toThrow(
      expect.objectContaining({ code: 'site.kind' }),
    );
    expect(() => validSiteOrThrow({ ...health, name: '  ' })).toThrow(
      expect.objectContaining({ code: 'site.name' }),
    );
  });

  it('warns when the need exceeds the active sites’ capacity', () => {
    expect(siteCapacity({ unitName: '锦石乡', sites: 2, daily: 700, needed: 520 })).toEqual({
      sites: 2,
      daily: 700,
      needed: 520,
      short: 0,
      warning: null,
    });
    const short = siteCapacity({ unitName: '锦石乡', sites: 1, daily: 400, needed: 520 });
    expect(short.short).toBe(120);
    expect(short.warning?.zh).toContain('每日缺口 120 人');
    expect(siteCapacity({ unitName: '乌石镇', sites: 0, daily: 0, needed: 10 }).warning?.en).toContain(
      'no active site',
    );
  });
});
