import { describe, expect, it } from 'vitest';
import { can, isRole, PERMISSIONS, ROLE_RIGHTS, ROLES, scopeOfUser } from './roles.js';

const WRITES = PERMISSIONS.filter((p) => !p.endsWith('.read'));

describe('roles', () => {
  it('has the eight roles of DESIGN.md, each with a bilingual label and known permissions', () => {
    expect(ROLES).toHaveLength(8);
    for (const role of ROLES) {
      const rights = ROLE_RIGHTS[role];
      expect(rights.label.zh).not.toBe('');
      expect(rights.label.en).not.toBe('');
      for (const p of rights.permissions) expect(PERMISSIONS).toContain(p);
      expect(new Set(rights.permissions).size).toBe(rights.permissions.length);
    }
  });

  it('gives the commander everything and the audit log to nobody else', () => {
    for (const p of PERMISSIONS) expect(can('commander', p)).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'commander')) {
      expect(can(role, 'audit.read')).toBe(false);
      expect(can(role, 'users.admin')).toBe(false);
      expect(can(role, 'campaigns.write')).toBe(false);
    }
  });

  it('lets the data group read everything but the audit log and write nothing', () => {
    for (const p of PERMISSIONS.filter((p) => p.endsWith('.read') && p !== 'audit.read')) {
      expect(can('analyst', p)).toBe(true);
    }
    for (const p of WRITES) expect(can('analyst', p)).toBe(false);
  });

  it('shows full ID numbers only to the site, the village head and the command', () => {
    expect(ROLES.filter((r) => can(r, 'pii.unmask'))).toEqual(['commander', 'village-head', 'site-staff']);
  });

  it('lets only the site and the command record doses; grid members visit and sync', () => {
    expect(ROLES.filter((r) => can(r, 'doses.write'))).toEqual(['commander', 'site-staff']);
    for (const p of ['visits.write', 'sync.write', 'worklist.read', 'ledger.read'] as const) {
      expect(can('grid-member', p)).toBe(true);
    }
    expect(can('grid-member', 'ledger.close')).toBe(false);
  });

  it('lets a driver read the worklist, sites and trips and move their trips, nothing more', () => {
    expect([...ROLE_RIGHTS.driver.permissions].sort()).toEqual(
      [
        'campaigns.read',
        'places.read',
        'products.read',
        'worklist.read',
        'transport.read',
        'transport.write',
        'sites.read',
      ].sort(),
    );
    expect(can('driver', 'residents.read')).toBe(false);
  });

  it('refuses everything to a role it does not know', () => {
    expect(isRole('admin')).toBe(false);
    for (const p of PERMISSIONS) expect(can('admin', p)).toBe(false);
  });

  it('turns places into the scope of their subtrees', () => {
    expect(scopeOfUser(['430321'])).toEqual(['430321']);
    expect(scopeOfUser(['430321205206', '430321205', '430321209'])).toEqual(['430321205', '430321209']);
    expect(scopeOfUser(['430321205206001', '430321205206001'])).toEqual(['430321205206001']);
    expect(scopeOfUser([])).toEqual([]);
  });
});
