/**
 * The demo's only source of chance. Everything the demo makes is a function of the seed, so a
 * bug report can say "seed 7" and the database is the same again. Each village draws from its
 * own stream (derived from the seed and the village's index), so changing how one village is
 * drawn does not reshuffle every other village.
 *
 * The generator is pure-rand's xoroshiro128+, used in place (its `next()` mutates): the pure,
 * copy-on-draw style would allocate an object per number, and the demo draws tens of millions.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const TWO_POW_MINUS_32 = 2 ** -32;

/** MurmurHash3's 32-bit finalizer: spreads nearby seeds (1, 2, 3 …) far apart. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed for one stream (a path of small integers) of a user seed. */
export function streamSeed(seed: number, path: readonly number[]): number {
  // Safe integers above 2^32 keep their high bits: seed 1 and seed 2^32 + 1 differ.
  let h = fmix32(fmix32(seed >>> 0) ^ fmix32(Math.floor(seed / 2 ** 32) + 0x9e3779b9));
  for (const p of path) h = fmix32(h ^ Math.imul(p + 1, 0x9e3779b1));
  return h;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return (
    (HEX[x >>> 24] as string) +
    (HEX[(x >>> 16) & 0xff] as string) +
    (HEX[(x >>> 8) & 0xff] as string) +
    (HEX[x & 0xff] as string)
  );
}

function hex4(x: number): string {
  return (HEX[(x >>> 8) & 0xff] as string) + (HEX[x & 0xff] as string);
}

export class Random {
  private readonly g: Generator;
  private spareNormal = NaN;

  constructor(seed32: number) {
    this.g = xoroshiro128plus(seed32 | 0);
    // xoroshiro's first outputs echo the seed; a few steps mix it into the whole state.
    for (let i = 0; i < 8; i++) this.g.next();
  }

  /** The stream `path` (e.g. [STREAM_VILLAGE, villageIndex]) of a user seed. */
  static stream(seed: number, ...path: number[]): Random {
    return new Random(streamSeed(seed, path));
  }

  /** Uniform on 0 … 2^32 − 1. */
  u32(): number {
    return this.g.next() >>> 0;
  }

  /** Uniform on [0, 1), 32 bits of resolution (ample for sampling). */
  float(): number {
    return (this.g.next() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform integer on [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor((this.g.next() >>> 0) * TWO_POW_MINUS_32 * (max - min + 1));
  }

  /** Uniform on [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return (this.g.next() >>> 0) * TWO_POW_MINUS_32 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** A UUID-shaped string with the version-4 and variant bits set, drawn from this stream. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return `${hex8(a)}-${hex4(b >>> 16)}-${hex4((b & 0x0fff) | 0x4000)}-${hex4(((c >>> 16) & 0x3fff) | 0x8000)}-${hex4(c)}${hex8(d)}`;
  }
}

/**
 * A fixed discrete distribution: built once, drawn from many times. The cumulative weights
 * live in a Float64Array and a draw is a binary search.
 */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new RangeError('a weighted table needs a positive weight');
    this.items = kept.map(([item]) => item);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Random): T {
    const x = rng.float() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
