/**
 * Households (户) made from a village's people, so that the county's ages follow the census
 * pyramid exactly and the families still read as families.
 *
 * A village first draws everyone's age from the pyramid into a pool. Households are then made
 * by taking people out of the pool: a head (mostly aged 30–80), maybe a spouse of about the
 * same age, children 20–40 years younger, sometimes a married son with his wife and their
 * children (the three-generation rural household), sometimes an elderly parent. A relative of
 * the wanted age is taken only if the pool still has one, so the pool, not the family recipe,
 * decides the age pyramid; whoever is left at the end (children without a possible parent)
 * joins an existing household as a grandchild. Households average about 2.7 people, near the
 * 2020 census's 2.62 per family household (第七次全国人口普查公报（第二号）).
 *
 * Everything is written into reused typed arrays: a county has 800,000 people and the builder
 * should not allocate per person.
 */
import type { Random, Weighted } from './random.js';
import { drawSurname } from './names.js';
import { MAX_AGE } from './agePyramid.js';

export const ROLE_HEAD = 0;
export const ROLE_SPOUSE = 1;
export const ROLE_CHILD = 2;
export const ROLE_PARENT = 3;
export const ROLE_CHILD_SPOUSE = 4;
export const ROLE_GRANDCHILD = 5;

function inc(a: Int32Array | Uint16Array, i: number, by: number): void {
  a[i] = (a[i] as number) + by;
}

/** Ages by count, 0…MAX_AGE, from which relatives of a wanted age are taken. */
class AgePool {
  readonly counts = new Int32Array(MAX_AGE + 1);
  total = 0;

  fill(rng: Random, n: number, ages: Weighted<number>): void {
    this.counts.fill(0);
    this.total = n;
    for (let i = 0; i < n; i++) inc(this.counts, ages.pick(rng), 1);
    // Even a village of three has an adult to head a household.
    let adults = 0;
    for (let a = 22; a <= MAX_AGE; a++) adults += this.counts[a] as number;
    if (adults === 0 && n > 0) {
      let youngest = 0;
      while ((this.counts[youngest] as number) === 0) youngest++;
      inc(this.counts, youngest, -1);
      inc(this.counts, rng.int(30, 55), 1);
    }
  }

  /** Takes a random person aged lo…hi, or returns -1 if there is none. */
  take(rng: Random, lo: number, hi: number): number {
    const from = lo < 0 ? 0 : lo;
    const to = hi > MAX_AGE ? MAX_AGE : hi;
    const c = this.counts;
    let sum = 0;
    for (let a = from; a <= to; a++) sum += c[a] as number;
    if (sum === 0) return -1;
    let r = rng.int(0, sum - 1);
    for (let a = from; a <= to; a++) {
      r -= c[a] as number;
      if (r < 0) {
        inc(c, a, -1);
        this.total--;
        return a;
      }
    }
    return -1; // unreachable
  }

  /** Takes someone near `target` (within ±narrow if possible, else within the wide range). */
  takeNear(rng: Random, lo: number, hi: number, wideLo: number, wideHi: number): number {
    const a = this.take(rng, lo, hi);
    return a >= 0 ? a : this.take(rng, wideLo, wideHi);
  }

  /** A household head: every adult could be one, but some ages far more often than others. */
  takeHead(rng: Random): number {
    const c = this.counts;
    let sum = 0;
    for (let a = 18; a <= MAX_AGE; a++) sum += (c[a] as number) * (HEAD_PROPENSITY[a] as number);
    if (sum === 0) return -1;
    let r = rng.float() * sum;
    for (let a = 18; a <= MAX_AGE; a++) {
      r -= (c[a] as number) * (HEAD_PROPENSITY[a] as number);
      if (r < 0 && (c[a] as number) > 0) {
        inc(c, a, -1);
        this.total--;
        return a;
      }
    }
    // Rounding left r a hair above zero: take the oldest adult there is.
    for (let a = MAX_AGE; a >= 18; a--) {
      if ((c[a] as number) > 0) {
        inc(c, a, -1);
        this.total--;
        return a;
      }
    }
    return -1;
  }
}

/**
 * How readily someone of each age heads a household rather than living in one: young adults
 * mostly still live with their parents, and the registered head of a rural household is the
 * middle or the old generation.
 */
const HEAD_PROPENSITY = Float64Array.from({ length: MAX_AGE + 1 }, (_, a) =>
  a < 18 ? 0 : a < 22 ? 0.05 : a < 25 ? 0.25 : a < 30 ? 0.6 : a < 60 ? 1 : a < 80 ? 0.95 : 0.75,
);

function spouseChance(h: number): number {
  return h < 25 ? 0.35 : h < 30 ? 0.7 : h < 60 ? 0.9 : h < 70 ? 0.84 : h < 80 ? 0.7 : 0.45;
}

/** How many children live at home, by the head's age. */
function childCount(rng: Random, h: number): number {
  const u = rng.float();
  if (h < 22) return 0;
  if (h < 30) return u < 0.4 ? 0 : u < 0.85 ? 1 : 2;
  if (h < 45) return u < 0.1 ? 0 : u < 0.55 ? 1 : u < 0.95 ? 2 : 3;
  if (h < 60) return u < 0.35 ? 0 : u < 0.8 ? 1 : u < 0.98 ? 2 : 3;
  if (h < 76) return u < 0.6 ? 0 : u < 0.95 ? 1 : 2;
  return u < 0.85 ? 0 : 1;
}

/** The people and households of one village, in reused arrays. */
export class VillageFolk {
  people = 0;
  households = 0;
  age = new Int16Array(0);
  male = new Uint8Array(0);
  role = new Uint8Array(0);
  household = new Int32Array(0);
  surname = new Uint16Array(0);
  /** Person index of each household's head. */
  head = new Int32Array(0);
  hhSize = new Uint16Array(0);
  /** The surname the household's children carry (the husband's line). */
  familySurname = new Uint16Array(0);

  private readonly pool = new AgePool();

  private ensure(n: number): void {
    if (this.age.length >= n) return;
    const cap = Math.max(n, this.age.length * 2, 64);
    this.age = new Int16Array(cap);
    this.male = new Uint8Array(cap);
    this.role = new Uint8Array(cap);
    this.household = new Int32Array(cap);
    this.surname = new Uint16Array(cap);
    this.head = new Int32Array(cap);
    this.hhSize = new Uint16Array(cap);
    this.familySurname = new Uint16Array(cap);
  }

  private add(hh: number, age: number, male: boolean, role: number, surname: number): number {
    const i = this.people++;
    this.age[i] = age;
    this.male[i] = male ? 1 : 0;
    this.role[i] = role;
    this.household[i] = hh;
    this.surname[i] = surname;
    inc(this.hhSize, hh, 1);
    return i;
  }

  /** Fills the arrays with `n` people in households; ages from `ages`. */
  build(rng: Random, n: number, ages: Weighted<number>): void {
    this.ensure(n);
    this.people = 0;
    this.households = 0;
    const pool = this.pool;
    pool.fill(rng, n, ages);
    while (pool.total > 0) {
      const h = pool.takeHead(rng);
      if (h < 0) break;
      this.household1(rng, h);
    }
    // Children no household could claim: grandchildren of a household that has older people.
    while (pool.total > 0) {
      const a = pool.take(rng, 0, MAX_AGE);
      const hh = this.households > 0 ? this.adoptiveHousehold(rng, a) : -1;
      if (hh < 0) {
        this.household1(rng, a);
        continue;
      }
      this.add(hh, a, rng.chance(0.52), ROLE_GRANDCHILD, this.familySurname[hh] as number);
    }
  }

  /** A household whose head is at least 20 years older than a child of this age. */
  private adoptiveHousehold(rng: Random, childAge: number): number {
    for (let tries = 0; tries < 8; tries++) {
      const hh = rng.int(0, this.households - 1);
      if ((this.age[this.head[hh] as number] as number) >= childAge + 20 && (this.hhSize[hh] as number) < 9) {
        return hh;
      }
    }
    return rng.int(0, this.households - 1);
  }

  private household1(rng: Random, h: number): void {
    const pool = this.pool;
    const hh = this.households++;
    this.hhSize[hh] = 0;
    const family = drawSurname(rng);
    this.familySurname[hh] = family;

    const withSpouse = rng.chance(spouseChance(h));
    // Heads of couples are mostly the husband; a lone head is a widow more often than not.
    const headMale = withSpouse ? rng.chance(0.88) : h >= 65 ? rng.chance(0.38) : rng.chance(0.62);
    const headSurname = headMale ? family : drawSurname(rng);
    this.head[hh] = this.add(hh, h, headMale, ROLE_HEAD, headSurname);

    if (withSpouse) {
      // Wives are a couple of years younger on average.
      const s = headMale
        ? pool.takeNear(rng, h - 5, h + 1, h - 10, h + 4)
        : pool.takeNear(rng, h - 1, h + 5, h - 4, h + 10);
      if (s >= 0) this.add(hh, s, !headMale, ROLE_SPOUSE, headMale ? drawSurname(rng) : family);
    }

    // Children were born when both parents were 20–42: a young wife bounds the youngest age.
    const spouseAge = this.hhSize[hh] === 2 ? (this.age[this.people - 1] as number) : h;
    const older = Math.max(h, spouseAge);
    const younger = Math.min(h, spouseAge);
    const kids = childCount(rng, h);
    for (let k = 0; k < kids && (this.hhSize[hh] as number) < 9; k++) {
      const c = pool.take(rng, older - 42, younger - 20);
      if (c < 0) break;
      // A grown son often stays with his wife and children: the three-generation household.
      const marriedSon = c >= 24 && rng.chance(0.32);
      this.add(hh, c, marriedSon || rng.chance(0.53), ROLE_CHILD, family);
      if (!marriedSon) continue;
      const w = pool.takeNear(rng, c - 4, c + 1, c - 8, c + 3);
      if (w >= 0) this.add(hh, w, false, ROLE_CHILD_SPOUSE, drawSurname(rng));
      const u = rng.float();
      const grandkids = u < 0.25 ? 0 : u < 0.7 ? 1 : 2;
      const mother = w >= 0 ? w : c;
      for (let g = 0; g < grandkids; g++) {
        const ga = pool.take(rng, Math.max(c, mother) - 40, Math.min(c, mother) - 20);
        if (ga < 0) break;
        this.add(hh, ga, rng.chance(0.53), ROLE_GRANDCHILD, family);
      }
    }

    if (h >= 28 && h <= 62 && rng.chance(0.12)) {
      const p = pool.take(rng, h + 20, h + 40);
      if (p >= 0) {
        const pm = rng.chance(0.38);
        // The head's father carries the head's surname; a mother her own.
        this.add(hh, p, pm, ROLE_PARENT, pm ? headSurname : drawSurname(rng));
        if (rng.chance(0.3)) {
          const p2 = pool.takeNear(rng, p - 3, p + 3, p - 8, p + 8);
          if (p2 >= 0) this.add(hh, p2, !pm, ROLE_PARENT, pm ? drawSurname(rng) : headSurname);
        }
      }
    }
  }
}
