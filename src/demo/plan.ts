/**
 * The shape of the demo county before any person is made: how many people each village gets,
 * how many grids it has, how far along the drive each township and village is, which villages
 * are double-cleared (双清零), which are mountain villages.
 *
 * The news report pins a few facts, and the plan keeps them: on the evening of 9 August 2021
 * 锦石乡 had given 11,500 first doses, 91.2% of its task, and 3 of its villages were
 * double-cleared. At the default 800,000 residents 锦石乡 gets the population that makes its
 * task about 12,600 (11,500 ÷ 91.2%). Everything else is made up, within what a county command
 * team would find believable: townships between about 55% and 97%, a few other cleared villages,
 * some villages far behind with many residents nobody has asked yet.
 */
import { shortPlaceName, villageKind } from '../domain/places.js';
import type { Random } from './random.js';

export const JINSHI_TOWNSHIP = '430321205';
export const YISUHE_TOWNSHIP = '430321100';

/** 锦石乡 as the report has it on 9 August: 91.2% of the task, 3 villages double-cleared. */
export const JINSHI_COMPLETION = 0.912;
export const JINSHI_CLEARED_VILLAGES = 3;
/** About 15,000 people: 12,600 eligible (the task) at the county's ~84% eligible share. */
const JINSHI_SHARE = 15_000 / 800_000;

/** Villages cleared outside 锦石乡: "a few". */
const OTHER_CLEARED_VILLAGES = 5;

/** Townships whose hill villages stand for the county's remote households. */
const HILL_TOWNSHIPS = ['430321114', '430321115', '430321108', '430321109'];
const REMOTE_VILLAGES = 5;

/** Where a township's residents are vaccinated: its health centre (卫生院). */
function sitesOf(townshipCode: string, townshipName: string): readonly string[] {
  if (townshipCode === YISUHE_TOWNSHIP) return ['易俗河镇社区卫生服务中心', '湘潭县人民医院'];
  return [`${townshipName}卫生院`];
}

export interface PlaceRow {
  code: string;
  level: string;
  name: string;
  parent_code: string | null;
}

export interface TownshipPlan {
  code: string;
  /** As officials write it: 锦石乡. */
  name: string;
  /** Target share of eligible residents with a first dose (done ÷ eligible). */
  completion: number;
  sites: readonly string[];
  villages: VillagePlan[];
}

export interface VillagePlan {
  /** 0-based, in code order: picks the village's random stream. */
  index: number;
  code: string;
  /** As officials write it: 锦石村, 吴家巷社区. */
  name: string;
  township: TownshipPlan;
  community: boolean;
  size: number;
  grids: number;
  /** 村民小组 (or blocks of a community) households are numbered in. */
  groups: number;
  /** Target done ÷ eligible; 1 in a cleared village (everyone not exempt or deferred). */
  completion: number;
  /** Of the eligible who are neither done, exempt nor deferred: the share screened (asked). */
  screening: number;
  cleared: boolean;
  /** Share of households marked remote (偏远). */
  remoteShare: number;
  /** Share of the done whose first dose came before the drive began. */
  preDriveShare: number;
}

export interface CountyPlan {
  countyCode: string;
  countyName: string;
  townships: TownshipPlan[];
  villages: VillagePlan[];
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** Splits `total` into integers proportional to `weights`, each at least `min` (largest remainder). */
export function apportion(total: number, weights: readonly number[], min: number): number[] {
  const n = weights.length;
  const free = total - min * n;
  if (free < 0) throw new RangeError(`cannot give ${n} parts at least ${min} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * free);
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const i = (order[k] as readonly [number, number])[1];
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

export function makePlan(
  rng: Random,
  countyCode: string,
  countyName: string,
  rows: readonly PlaceRow[],
  residents: number,
): CountyPlan {
  const byCode = (a: PlaceRow, b: PlaceRow): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const townshipRows = rows
    .filter((r) => r.level === 'township' && r.code.startsWith(countyCode))
    .sort(byCode);
  const townships: TownshipPlan[] = townshipRows.map((r) => ({
    code: r.code,
    name: shortPlaceName(r.name),
    completion: 0,
    sites: sitesOf(r.code, shortPlaceName(r.name)),
    villages: [],
  }));
  const townshipOf = new Map(townships.map((t) => [t.code, t]));

  const villageRows = rows
    .filter((r) => r.level === 'village' && townshipOf.has(r.parent_code ?? r.code.slice(0, 9)))
    .sort(byCode);

  // Village sizes: lognormal, the county seat's urban communities two to three times a village.
  const weights = villageRows.map((r) => {
    const township = r.parent_code ?? r.code.slice(0, 9);
    const community = villageKind(r.name, r.code) === 'community';
    let w = Math.exp(rng.normal(0, 0.45));
    if (community) w *= township === YISUHE_TOWNSHIP ? 2.4 : 1.3;
    else if (township === YISUHE_TOWNSHIP) w *= 1.2;
    return w;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const inJinshi = villageRows.map((r) => (r.parent_code ?? r.code.slice(0, 9)) === JINSHI_TOWNSHIP);
  const jinshiWeight = weights.reduce((a, w, i) => a + (inJinshi[i] ? w : 0), 0);
  if (jinshiWeight > 0) {
    // Scale 锦石乡 to its share of the county; the other villages keep their relative sizes.
    const target = (JINSHI_SHARE * (totalWeight - jinshiWeight)) / (1 - JINSHI_SHARE);
    weights.forEach((w, i) => {
      if (inJinshi[i]) weights[i] = (w * target) / jinshiWeight;
    });
  }
  const meanWeight = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
  const minSize = Math.min(3, Math.floor(residents / Math.max(1, villageRows.length)));
  const sizes = apportion(residents, weights, minSize);

  // Township progress: 锦石乡 as reported; the others spread over 56%…96% in a seeded order.
  const others = townships.filter((t) => t.code !== JINSHI_TOWNSHIP);
  const spread = others.map((_, i) => (others.length === 1 ? 0.8 : 0.56 + (0.4 * i) / (others.length - 1)));
  rng.shuffle(spread);
  others.forEach((t, i) => (t.completion = clamp((spread[i] as number) + rng.normal(0, 0.01), 0.55, 0.97)));
  const jinshi = townshipOf.get(JINSHI_TOWNSHIP);
  if (jinshi) jinshi.completion = JINSHI_COMPLETION;

  const villages: VillagePlan[] = villageRows.map((r, index) => {
    const township = townshipOf.get(r.parent_code ?? r.code.slice(0, 9)) as TownshipPlan;
    const community = villageKind(r.name, r.code) === 'community';
    const w = weights[index] as number;
    const grids = clamp(Math.round((6 * w) / meanWeight), 4, 12);
    const v: VillagePlan = {
      index,
      code: r.code,
      name: shortPlaceName(r.name),
      township,
      community,
      size: sizes[index] as number,
      grids,
      groups: community ? grids * 3 : grids * 2 + rng.int(0, grids),
      completion: 0,
      screening: 0,
      cleared: false,
      remoteShare: community ? 0 : 0.012,
      preDriveShare: 0,
    };
    township.villages.push(v);
    return v;
  });

  chooseCleared(rng, townships);
  for (const t of townships) spreadCompletion(rng, t);
  chooseRemote(rng, villages);

  return { countyCode, countyName, townships, villages };
}

function chooseCleared(rng: Random, townships: readonly TownshipPlan[]): void {
  const jinshi = townships.find((t) => t.code === JINSHI_TOWNSHIP);
  if (jinshi) {
    for (const v of rng.shuffle([...jinshi.villages]).slice(0, JINSHI_CLEARED_VILLAGES)) v.cleared = true;
  }
  const candidates = townships.filter((t) => t !== jinshi && t.completion >= 0.85).flatMap((t) => t.villages);
  for (const v of rng.shuffle(candidates).slice(0, OTHER_CLEARED_VILLAGES)) v.cleared = true;
}

/**
 * Villages scatter around their township; cleared villages sit near 97.5% (everyone but the
 * exempt and deferred), so the township's other villages are lowered to keep its total.
 */
function spreadCompletion(rng: Random, t: TownshipPlan): void {
  // Everyone but the exempt and deferred (about 2% of a rural village's eligible).
  const CLEARED_LEVEL = 0.98;
  let clearedSize = 0;
  let otherSize = 0;
  for (const v of t.villages) {
    if (v.cleared) clearedSize += v.size;
    else otherSize += v.size;
  }
  const otherMean =
    otherSize > 0
      ? clamp((t.completion * (clearedSize + otherSize) - CLEARED_LEVEL * clearedSize) / otherSize, 0.3, 0.96)
      : 0;
  // Centre the scatter on the township (by size), so its total is the planned one whatever the draw.
  const noise = t.villages.map((v) => (v.cleared ? 0 : rng.normal(0, 0.045)));
  const shift =
    otherSize > 0 ? t.villages.reduce((a, v, i) => a + v.size * (noise[i] as number), 0) / otherSize : 0;
  t.villages.forEach((v, i) => {
    if (v.cleared) {
      v.completion = 1;
      v.screening = 1;
    } else {
      v.completion = clamp(otherMean + (noise[i] as number) - shift, 0.3, 0.965);
      // Some villages lag in screening too: many residents nobody has asked yet.
      const behind = v.completion < otherMean - 0.04 ? rng.chance(0.5) : rng.chance(0.06);
      v.screening = behind ? rng.between(0.1, 0.4) : rng.between(0.6, 0.95);
    }
    // Most first doses came in the spring and early summer; the drive added the rest.
    const beforeDrive = clamp(rng.normal(0.62, 0.04), 0.45, 0.75);
    v.preDriveShare = clamp(beforeDrive / (v.cleared ? CLEARED_LEVEL : v.completion), 0.5, 0.95);
  });
}

function chooseRemote(rng: Random, villages: readonly VillagePlan[]): void {
  const hill = villages.filter((v) => HILL_TOWNSHIPS.includes(v.township.code) && !v.community);
  for (const v of rng.shuffle([...hill]).slice(0, REMOTE_VILLAGES)) v.remoteShare = rng.between(0.35, 0.6);
}
