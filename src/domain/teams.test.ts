import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridvaxError } from './errors.js';
import {
  checkLeadFree,
  checkMember,
  checkQuota,
  checkSendable,
  checkTeam,
  checkTeamSize,
  checkVillages,
  LEAD_ROLES,
  leadsAllowed,
  MAX_MEMBERS,
  missingLeads,
  quotaDays,
  TEAM_KIND_LABELS,
  TEAM_KINDS,
} from './teams.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(GridvaxError);
    return (e as GridvaxError).code;
  }
};

describe('teams', () => {
  it('names every kind in both languages, as the news report does', () => {
    expect(TEAM_KINDS.map((k) => TEAM_KIND_LABELS[k].zh)).toEqual([
      '攻坚队',
      '摸排志愿者',
      '接送车队',
      '宣传车',
      '社区工作组',
    ]);
  });

  it('checks a team’s kind, name, place and quota', () => {
    expect(checkTeam({ kind: 'attack', name: ' 第一攻坚队 ', place: '430321205', quota: 120 })).toEqual({
      kind: 'attack',
      name: '第一攻坚队',
      place: '430321205',
      quota: 120,
    });
    expect(checkTeam({ kind: 'publicity', name: '宣传车', place: '430321' }).quota).toBeNull();
    expect(codeOf(() => checkTeam({ kind: 'squad', name: 'x', place: '430321205' }))).toBe('team.kind');
    expect(codeOf(() => checkTeam({ kind: 'attack', name: '  ', place: '430321205' }))).toBe('team.name');
    expect(codeOf(() => checkTeam({ kind: 'attack', name: 'x', place: '430321205206' }))).toBe(
      'team.place-level',
    );
    expect(codeOf(() => checkTeam({ kind: 'attack', name: 'x', place: '430321000' }))).toBe(
      'team.place-level',
    );
    for (const bad of [0, -1, 1.5, 100_001]) expect(codeOf(() => checkQuota(bad))).toBe('team.quota');
  });

  it('gives an attack team its two leads and any other team a leader', () => {
    expect(leadsAllowed('attack')).toEqual(['dispatcher', 'site-commander']);
    expect(leadsAllowed('transport')).toEqual(['leader']);
    expect(
      checkMember('attack', {
        name: ' 彭志强 ',
        title: '乡党委副书记',
        phone: '139 0732 1001',
        lead: 'dispatcher',
      }),
    ).toEqual({
      name: '彭志强',
      title: '乡党委副书记',
      phone: '139 0732 1001',
      userId: null,
      lead: 'dispatcher',
    });
    expect(checkMember('publicity', { name: '张三', title: '志愿者', phone: '' }).phone).toBeNull();
    expect(codeOf(() => checkMember('attack', { name: 'x', title: 'y', lead: 'leader' }))).toBe(
      'team.lead-kind',
    );
    expect(codeOf(() => checkMember('community', { name: 'x', title: 'y', lead: 'dispatcher' }))).toBe(
      'team.lead-kind',
    );
    expect(codeOf(() => checkMember('attack', { name: '', title: 'y' }))).toBe('team.member-name');
    expect(codeOf(() => checkMember('attack', { name: 'x', title: ' ' }))).toBe('team.member-title');
    expect(codeOf(() => checkMember('attack', { name: 'x', title: 'y', phone: 'call me' }))).toBe(
      'team.member-phone',
    );
    expect(codeOf(() => checkMember('attack', { name: 'x', title: 'y', userId: 0 }))).toBe(
      'team.member-user',
    );
    expect(codeOf(() => checkLeadFree('dispatcher', [null, 'dispatcher']))).toBe('team.lead-taken');
    expect(() => checkLeadFree(null, [null, 'dispatcher'])).not.toThrow();
    expect(codeOf(() => checkTeamSize(MAX_MEMBERS + 1))).toBe('team.too-many-members');
  });

  it('sends an attack team only with both leads', () => {
    expect(missingLeads('attack', ['dispatcher', null])).toEqual(['site-commander']);
    expect(missingLeads('transport', [])).toEqual([]);
    expect(codeOf(() => checkSendable('attack', ['dispatcher'], ['430321205206']))).toBe(
      'team.leads-required',
    );
    expect(() => checkSendable('attack', ['dispatcher'], [])).not.toThrow();
    expect(() => checkSendable('attack', ['site-commander', 'dispatcher'], ['430321205206'])).not.toThrow();
    expect(() => checkSendable('publicity', [], ['430321205206'])).not.toThrow();
    // Whatever leads it has, it goes out iff none that are required is missing.
    fc.assert(
      fc.property(fc.subarray([...LEAD_ROLES]), fc.constantFrom(...TEAM_KINDS), (leads, kind) => {
        const goes = codeOf(() => checkSendable(kind, leads, ['430321205206'])) === undefined;
        expect(goes).toBe(missingLeads(kind, leads).length === 0);
      }),
    );
  });

  it('sends a team only to villages of its own place', () => {
    expect(checkVillages('430321205', ['430321205206', '430321205201', '430321205206'])).toEqual([
      '430321205201',
      '430321205206',
    ]);
    expect(checkVillages('430321', ['430321205206'])).toEqual(['430321205206']);
    expect(codeOf(() => checkVillages('430321205', ['430321114207']))).toBe('team.village-outside');
    expect(codeOf(() => checkVillages('430321205', ['430321205206001']))).toBe('team.village-level');
    expect(codeOf(() => checkVillages('430321205', ['430321205']))).toBe('team.village-level');
  });

  it('measures each day against the quota', () => {
    const days = ['2021-08-07', '2021-08-08', '2021-08-09'];
    expect(quotaDays(days, new Map([['2021-08-08', 130]]), 120)).toEqual([
      { date: '2021-08-07', done: 0, quota: 120, met: false, short: 120 },
      { date: '2021-08-08', done: 130, quota: 120, met: true, short: 0 },
      { date: '2021-08-09', done: 0, quota: 120, met: false, short: 120 },
    ]);
    expect(quotaDays(days, new Map(), null)[0]).toEqual({
      date: '2021-08-07',
      done: 0,
      quota: null,
      met: null,
      short: null,
    });
    // done + short covers the quota exactly when short, and met means nothing short.
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (done, quota) => {
        const [d] = quotaDays(['2021-08-09'], new Map([['2021-08-09', done]]), quota);
        expect(d?.met).toBe((d?.short ?? -1) === 0);
        expect(Math.max(done, quota)).toBe(done + (d?.short ?? 0));
      }),
    );
  });
});
