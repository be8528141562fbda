/**
 * Vaccination sites (接种点): a township's health centre (乡镇卫生院) or a temporary point
 * (临时接种点), open from `opens` to `closes` each day, able to vaccinate `dailyCapacity`
 * people a day (its vaccinators, tables and the observation room's seats).
 *
 * The Xiangtan County report of 10 August 2021 (shared/seed/) has the sites at the centre of
 * the drive: the 锦石乡 health centre where one of each attack team's two leads commands on
 * the spot, and 谭家山镇's health centre with its sheds, fans and blood-pressure cuff.
 */
import { invalidInput, type Bilingual } from './errors.js';

export const SITE_KINDS = ['health-centre', 'temporary'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SITE_KIND_LABELS: Readonly<Record<SiteKind, Bilingual>> = {
  'health-centre': { zh: '乡镇卫生院', en: 'township health centre' },
  temporary: { zh: '临时接种点', en: 'temporary site' },
};

export const isSiteKind = (value: string): value is SiteKind =>
  (SITE_KINDS as readonly string[]).includes(value);

/** A site's name as written on its sign and in the dose records' site column. */
export const MAX_SITE_NAME = 100;

/**
 * People a site can vaccinate a day, at most: far beyond the largest 2021 mass-vaccination
 * site, and far inside the 32-bit column PostgreSQL stores it in (past that, the write failed).
 */
export const MAX_CAPACITY = 100_000;

/** Minutes after midnight of a `HH:MM` wall-clock time (00:00–23:59), or undefined. */
export function clockMinutes(value: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export interface SiteFields {
  name: string;
  kind: SiteKind;
  address: string;
  /** `HH:MM` Asia/Shanghai. */
  opens: string;
  closes: string;
  dailyCapacity: number;
}

export interface SiteInput {
  name: string;
  kind: string;
  address?: string | null | undefined;
  opens: string;
  closes: string;
  dailyCapacity: number;
}

/** Opening hours: both `HH:MM`, and the site opens before it closes (no site runs past midnight). */
export function checkHours(opens: string, closes: string): void {
  const o = clockMinutes(opens);
  const c = clockMinutes(closes);
  if (o === undefined) {
    throw invalidInput({
      code: 'site.hours',
      field: 'opens',
      message: { zh: `开放时间应为 HH:MM：${opens}`, en: `opening time must be HH:MM: ${opens}` },
    });
  }
  if (c === undefined) {
    throw invalidInput({
      code: 'site.hours',
      field: 'closes',
      message: { zh: `关闭时间应为 HH:MM：${closes}`, en: `closing time must be HH:MM: ${closes}` },
    });
  }
  if (o >= c) {
    throw invalidInput({
      code: 'site.hours',
      field: 'closes',
      message: {
        zh: `开放时间 ${opens} 应早于关闭时间 ${closes}`,
        en: `the site must open (${opens}) before it closes (${closes})`,
      },
    });
  }
}

/** People a day: a whole number 1 … MAX_CAPACITY (a site that can vaccinate nobody is closed, not a site). */
export function checkCapacity(value: number, field = 'dailyCapacity'): void {
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_CAPACITY) {
    throw invalidInput({
      code: 'site.capacity',
      field,
      message: {
        zh: `日接种能力应为 1 至 ${MAX_CAPACITY} 的整数：${value}`,
        en: `daily capacity must be a whole number from 1 to ${MAX_CAPACITY}: ${value}`,
      },
    });
  }
}

/** A site as entered, checked and trimmed. */
export function validSiteOrThrow(input: SiteInput): SiteFields {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_SITE_NAME) {
    throw invalidInput({
      code: 'site.name',
      field: 'name',
      message: {
        zh: `接种点名称不能为空，且不超过 ${MAX_SITE_NAME} 字`,
        en: `a site needs a name of at most ${MAX_SITE_NAME} characters`,
      },
    });
  }
  if (!isSiteKind(input.kind)) {
    throw invalidInput({
      code: 'site.kind',
      field: 'kind',
      message: {
        zh: `接种点类型应为 ${SITE_KINDS.join('、')} 之一：${input.kind}`,
        en: `site kind must be one of ${SITE_KINDS.join(', ')}: ${input.kind}`,
      },
    });
  }
  checkHours(input.opens, input.closes);
  checkCapacity(input.dailyCapacity);
  return {
    name,
    kind: input.kind,
    address: (input.address ?? '').trim(),
    opens: input.opens,
    closes: input.closes,
    dailyCapacity: input.dailyCapacity,
  };
}

/**
 * A township's sites against its need (倒排工期: "site capacity is checked against need",
 * DESIGN.md): the active sites' total daily capacity, the daily rate the backward schedule
 * needs, and how many people a day the sites are short. A township that keeps no active site
 * at all has a capacity of 0.
 */
export interface SiteCapacity {
  /** Active sites counted. */
  sites: number;
  /** Their total daily capacity. */
  daily: number;
  /** The daily rate the schedule needs (the whole remainder once the deadline has come). */
  needed: number;
  /** max(0, needed − daily). */
  short: number;
  /** Present when short: what the schedule says. */
  warning: Bilingual | null;
}

export function siteCapacity(input: {
  unitName: string;
  sites: number;
  daily: number;
  needed: number;
}): SiteCapacity {
  const { unitName, sites, daily, needed } = input;
  const short = Math.max(0, needed - daily);
  return {
    sites,
    daily,
    needed,
    short,
    warning:
      short === 0
        ? null
        : sites === 0
          ? {
              zh: `${unitName}每日需接种 ${needed} 人，但没有开放的接种点`,
              en: `${unitName} needs ${needed} a day but has no active site`,
            }
          : {
              zh: `${unitName}每日需接种 ${needed} 人，${sites} 个接种点日接种能力合计 ${daily} 人，每日缺口 ${short} 人`,
              en: `${unitName} needs ${needed} a day; its ${sites} active site(s) can do ${daily} a day: ${short} a day short`,
            },
  };
}
