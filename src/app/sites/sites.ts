/**
 * Sites (接种点): a township's health centre and its temporary points, with their hours and
 * daily capacity. A township lead keeps its township's sites; the county keeps any.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import { businessRule, conflict, invalidInput, type Bilingual } from '../../domain/errors.js';
import { SITE_KIND_LABELS, validSiteOrThrow, type SiteKind } from '../../domain/sites.js';
import {
  daysOverCapacity,
  findSite,
  hasBookingsFrom,
  insertSite,
  siteNamed,
  sitesServing,
  type SiteRow,
} from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { requireSite, siteVisible } from './requireSite.js';

export interface Site {
  id: number;
  county: string;
  township: string;
  townshipName: string;
  name: string;
  kind: SiteKind;
  kindLabel: Bilingual;
  address: string;
  /** `HH:MM` Asia/Shanghai. */
  opens: string;
  closes: string;
  dailyCapacity: number;
  active: boolean;
  createdAt: string;
}

export function toSite(r: SiteRow): Site {
  return {
    id: Number(r.id),
    county: r.county_code,
    township: r.township_code,
    townshipName: r.township_name,
    name: r.name,
    kind: r.kind,
    kindLabel: SITE_KIND_LABELS[r.kind],
    address: r.address,
    opens: r.opens,
    closes: r.closes,
    dailyCapacity: Number(r.daily_capacity),
    active: Number(r.active) === 1,
    createdAt: r.created_at,
  };
}

export interface CreateSiteInput {
  township: string;
  name: string;
  kind: string;
  address?: string | null;
  opens: string;
  closes: string;
  dailyCapacity: number;
  scope?: Scope;
}

const duplicate = (name: string) =>
  conflict({
    code: 'site.duplicate',
    field: 'name',
    message: {
      zh: `本县已有名为「${name}」的接种点（接种记录按名称对应接种点）`,
      en: `the county already has a site named ${name} (dose records name their site)`,
    },
  });

export async function createSite(store: Store, input: CreateSiteInput): Promise<Site> {
  const fields = validSiteOrThrow(input);
  const township = await requirePlace(store, input.township, input.scope, 'township');
  if (township.level !== 'township' || !township.county_code) {
    throw invalidInput({
      code: 'site.township',
      field: 'township',
      message: {
        zh: `接种点属于乡镇（9 位代码）：${input.township} 不是乡镇`,
        en: `a site belongs to a township (9 digits): ${input.township} is not one`,
      },
    });
  }
  const county = township.county_code;
  const id = await store.transaction(async (trx) => {
    if (await siteNamed(trx, county, fields.name)) throw duplicate(fields.name);
    return insertSite(trx, {
      county_code: county,
      township_code: township.code,
      name: fields.name,
      kind: fields.kind,
      address: fields.address,
      opens: fields.opens,
      closes: fields.closes,
      daily_capacity: fields.dailyCapacity,
      active: 1,
      created_at: store.now().toISOString(),
    });
  });
  return toSite((await findSite(store.db, id)) as SiteRow);
}

export interface UpdateSiteInput {
  id: number;
  name?: string | undefined;
  kind?: string | undefined;
  address?: string | null | undefined;
  opens?: string | undefined;
  closes?: string | undefined;
  dailyCapacity?: number | undefined;
  active?: boolean | undefined;
  scope?: Scope;
}

/**
 * Changes a site's name, kind, address, hours, capacity or whether it is open. A capacity below
 * what is already planned for a day from today on is refused (`site.capacity-below-bookings`),
 * and so is closing a site with plans ahead (`site.has-bookings`): move the villages first.
 * Returns the site before and after, for the audit log.
 */
export async function updateSite(
  store: Store,
  input: UpdateSiteInput,
): Promise<{ before: Site; after: Site }> {
  const row = await requireSite(store, input.id, input.scope, 'run');
  const before = toSite(row);
  const merged = validSiteOrThrow({
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
    address: input.address === undefined ? before.address : input.address,
    opens: input.opens ?? before.opens,
    closes: input.closes ?? before.closes,
    dailyCapacity: input.dailyCapacity ?? before.dailyCapacity,
  });
  const active = input.active ?? before.active;
  const today = shanghaiDate(store.now());
  await store.transaction(async (trx) => {
    if (merged.name !== before.name) {
      const other = await siteNamed(trx, before.county, merged.name);
      if (other && Number(other.id) !== before.id) throw duplicate(merged.name);
    }
    if (merged.dailyCapacity < before.dailyCapacity) {
      const over = await daysOverCapacity(trx, before.id, today, merged.dailyCapacity);
      const first = over[0];
      if (first) {
        throw businessRule({
          code: 'site.capacity-below-bookings',
          field: 'dailyCapacity',
          message: {
            zh: `${before.name} ${first.day} 已排 ${first.planned} 人，日接种能力不能低于此数（共 ${over.length} 天超出）`,
            en: `${before.name} has ${first.planned} planned on ${first.day}: the capacity cannot go below it (${over.length} day(s) over)`,
          },
        });
      }
    }
    if (!active && before.active && (await hasBookingsFrom(trx, before.id, today))) {
      throw businessRule({
        code: 'site.has-bookings',
        field: 'active',
        message: {
          zh: `${before.name} 今天起还有排班，请先把各村调到其他接种点或日期再停用`,
          en: `${before.name} has villages booked from today on: move them before closing the site`,
        },
      });
    }
    await trx
      .updateTable('sites')
      .set({
        name: merged.name,
        kind: merged.kind,
        address: merged.address,
        opens: merged.opens,
        closes: merged.closes,
        daily_capacity: merged.dailyCapacity,
        active: active ? 1 : 0,
      })
      .where('id', '=', before.id)
      .execute();
  });
  return { before, after: toSite((await findSite(store.db, before.id)) as SiteRow) };
}

/**
 * The sites serving a place that the caller may see: a county's or a township's sites, or for a
 * village or grid its township's. Without a place, every site the caller may see.
 */
export async function listSites(
  store: Store,
  input: { place?: string | undefined; activeOnly?: boolean; scope?: Scope },
): Promise<Site[]> {
  let rows: SiteRow[];
  if (input.place !== undefined) {
    const place = await requirePlace(store, input.place, input.scope);
    rows = await sitesServing(store.db, place.code, { activeOnly: input.activeOnly ?? false });
  } else if (input.scope === undefined) {
    rows = await sitesServing(store.db, undefined, { activeOnly: input.activeOnly ?? false });
  } else {
    const seen = new Set<number>();
    rows = [];
    for (const p of input.scope) {
      for (const r of await sitesServing(store.db, p, { activeOnly: input.activeOnly ?? false })) {
        if (!seen.has(Number(r.id))) rows.push(r);
        seen.add(Number(r.id));
      }
    }
  }
  return rows.filter((r) => siteVisible(input.scope, r.township_code)).map(toSite);
}

export async function siteOf(store: Store, input: { id: number; scope?: Scope }): Promise<Site> {
  return toSite(await requireSite(store, input.id, input.scope));
}
