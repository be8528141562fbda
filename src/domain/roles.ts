/**
 * Who may do what, written once as data. A user has one role and one or more places; the role
 * says which actions are allowed (permissions, checked on every API route), the places say on
 * which residents and units (the scope, checked by the app layer: out of scope is "not found").
 *
 * The roles are DESIGN.md's, as a county ran them in 2021: the command sets campaigns and reads
 * everything; the data group (数据研判小组) reads everything and writes nothing; township leads
 * allocate tasks and run attack teams; grid instructors check cleared villages (回头看); the
 * village grid head watches and closes the ledger (销号); grid members screen door to door,
 * offline, and sync; site staff record doses; drivers see whom to fetch and nothing more.
 *
 * A full ID number is shown only where the work needs the person identified beyond doubt: the
 * site checking a resident in against the ID card, the village head reconciling the register,
 * and the command. Everyone else works from masked numbers (430321********123X).
 */
import type { Bilingual } from './errors.js';

export const PERMISSIONS = [
  'places.read',
  'products.read',
  'campaigns.read',
  'campaigns.write',
  'tasks.write',
  'progress.read',
  'reports.read',
  'reports.write',
  'residents.read',
  'pii.unmask',
  'visits.write',
  'doses.write',
  'ledger.read',
  'ledger.close',
  'lookback.read',
  'lookback.write',
  'worklist.read',
  'sync.read',
  'sync.write',
  'devices.read',
  'exports.read',
  'imports.write',
  'audit.read',
  'users.admin',
  // Field operations (issue 8).
  'teams.read',
  'teams.write',
  'transport.read',
  'transport.write',
  'sites.read',
  'sites.write',
  'bookings.write',
  'checkin.write',
  'orders.read',
  'orders.write',
  'orders.answer',
  'notices.read',
  'notices.write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'commander',
  'analyst',
  'township-lead',
  'grid-instructor',
  'village-head',
  'grid-member',
  'site-staff',
  'driver',
] as const;

export type Role = (typeof ROLES)[number];

export interface RoleRights {
  label: Bilingual;
  /** What the role does, for the README and `gridvax users add --help`. */
  does: string;
  permissions: readonly Permission[];
}

/** What every signed-in user may read: where things are, which campaigns run, which vaccines exist. */
const BASICS: readonly Permission[] = ['places.read', 'products.read', 'campaigns.read'];

/** Reading the drive's state, masked: what the data group does all day. */
const READ_ALL: readonly Permission[] = [
  ...BASICS,
  'progress.read',
  'reports.read',
  'residents.read',
  'ledger.read',
  'lookback.read',
  'worklist.read',
  'sync.read',
  'devices.read',
  'exports.read',
  'teams.read',
  'transport.read',
  'sites.read',
  'orders.read',
  'notices.read',
];

export const ROLE_RIGHTS: Readonly<Record<Role, RoleRights>> = {
  commander: {
    label: { zh: '县指挥部', en: 'county commander' },
    does: 'everything, including the audit log, full ID numbers and accounts',
    permissions: PERMISSIONS,
  },
  analyst: {
    label: { zh: '数据研判小组', en: 'data group' },
    does: 'reads everything in its places (masked), writes nothing',
    permissions: READ_ALL,
  },
  'township-lead': {
    label: { zh: '乡镇负责人', en: 'township lead' },
    does: 'allocates tasks to villages, runs attack teams (visits), closes ledger entries, starts look-backs',
    permissions: [
      ...READ_ALL,
      'tasks.write',
      'visits.write',
      'ledger.close',
      'lookback.write',
      'sync.write',
      'teams.write',
      'transport.write',
      'sites.write',
      'bookings.write',
      'orders.answer',
      'notices.write',
    ],
  },
  'grid-instructor': {
    label: { zh: '网格指导员', en: 'grid instructor' },
    does: 'supervises grid members, checks cleared villages (look-backs), visits',
    permissions: [
      ...READ_ALL,
      'visits.write',
      'lookback.write',
      'sync.write',
      'transport.write',
      'bookings.write',
    ],
  },
  'village-head': {
    label: { zh: '村网格长', en: 'village grid head' },
    does: 'watches and closes the village ledger, visits, sees full ID numbers to reconcile the register',
    permissions: [
      ...READ_ALL,
      'pii.unmask',
      'visits.write',
      'ledger.close',
      'sync.write',
      'transport.write',
      'bookings.write',
      'orders.answer',
      'notices.write',
    ],
  },
  'grid-member': {
    label: { zh: '村网格员', en: 'grid member' },
    does: 'screens door to door in its grids (visits, offline sync), reads its worklist and ledger',
    permissions: [
      ...BASICS,
      'progress.read',
      'residents.read',
      'ledger.read',
      'worklist.read',
      'visits.write',
      'sync.read',
      'sync.write',
      'transport.read',
      'transport.write',
      'sites.read',
      'bookings.write',
      'notices.read',
    ],
  },
  'site-staff': {
    label: { zh: '接种点（卫生院）', en: 'site staff' },
    does: 'checks residents in against the ID card (full ID numbers), screens at the site, records doses',
    permissions: [
      ...BASICS,
      'residents.read',
      'pii.unmask',
      'visits.write',
      'doses.write',
      'sites.read',
      'sites.write',
      'checkin.write',
      'transport.read',
      'transport.write',
    ],
  },
  driver: {
    label: { zh: '接送志愿者', en: 'driver' },
    does: 'reads the worklist and their own trips to see whom to fetch (masked ID numbers), marks pick-ups and returns',
    permissions: [...BASICS, 'worklist.read', 'transport.read', 'transport.write', 'sites.read'],
  },
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);

/** Whether a role may do something; an unknown role (a database edited by hand) may do nothing. */
export function can(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_RIGHTS[role].permissions.includes(permission);
}

/**
 * The scope (place-code prefixes) of a user attached to these places: each place's subtree.
 * A place under another of the user's places adds nothing and is dropped. No places, no scope:
 * an empty list sees nothing (never "everything", which is what an absent scope means).
 */
export function scopeOfUser(places: readonly string[]): string[] {
  const sorted = [...new Set(places)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept.sort();
}
