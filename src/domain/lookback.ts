/**
 * Look-back (回头看): a unit that has been cleared (清零) is audited by re-visiting a random
 * sample of its residents and checking that what the register says is what the door says
 * (the Xiangtan report: 对清零小区采取"回头看"等方式再次排查接种人员, shared/seed/). A discrepancy
 * reopens the unit (DESIGN.md).
 *
 * The sample is drawn from a seeded generator, not Math.random: the seed is recorded with the
 * look-back, so whoever reviews it (the grid instructor, the county data group) can draw the
 * same sample again and see it was not hand-picked. Use a seed that names the unit and the
 * occasion, e.g. `${villageCode}:${date}:1`.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { invalidInput } from './errors.js';

/**
 * 19 is the classic lot quality assurance sampling (LQAS) sample for health-programme
 * monitoring (Valadez, "Assessing Child Survival Programs in Developing Countries: Testing
 * Lot Quality Assurance Sampling", Harvard University Press, 1991), used in immunization
 * coverage monitoring by WHO and partners: it is the smallest sample whose two
 * misclassification risks are both at most about 10% for the usual triage of lots (for an
 * 80%/50% coverage triage with decision value 6, P(pass | 80%) = 0.93 and P(pass | 50%) =
 * 0.08; Table 1 of PMC3013262, after Grant & Leavenworth 1988). Larger samples improve the
 * classification only slowly for the extra doors knocked, and 19 doors is a morning's work for
 * a grid instructor.
 */
export const LOOKBACK_SAMPLE_SIZE = 19;

/**
 * The default decision value: a lot fails when more than 3 of the sample are found not done.
 * With n = 19, P(pass) is 0.885 at 90% true coverage, 0.455 at 80% and 0.059 at 65%
 * (lqasPassProbability): the plan tells ≥ 90% from ≤ 65%, not 90% from 80%.
 * "≤ 3 unvaccinated passes at 90%" is also the rule of the Global Polio Eradication
 * Initiative's clustered LQAS for campaign monitoring (GPEI/WHO, "Assessing vaccination coverage
 * levels using clustered lot quality assurance sampling: field manual", 2012), whose lots are
 * 60 children (6 clusters of 10); with a lot of 19 the same d is more lenient per person
 * sampled, so pass the decision value the campaign chose rather than relying on the default.
 */
export const DEFAULT_LQAS_DECISION_VALUE = 3;

/** FNV-1a, 32 bits, over the string's UTF-8 bytes (http://www.isthe.com/chongo/tech/comp/fnv/). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number): void => {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  };
  for (const ch of text) {
    // for…of walks code points, so a character outside the BMP is one 4-byte sequence.
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 0x3f));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    }
  }
  return h >>> 0;
}

/** Numbers before strings; numbers by value, strings by UTF-16 code units (no locale). */
function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A reproducible random sample of `size` residents, without replacement. The ids are
 * de-duplicated and sorted first, so the same set of residents and the same seed give the same
 * sample whatever order the store returned them in. The draw is a partial Fisher–Yates shuffle,
 * and the sample is returned in draw order: a bigger sample from the same seed extends a
 * smaller one instead of redrawing it. `size` is capped at the number of residents.
 */
export function drawLookbackSample<T extends number | string>(
  residentIds: readonly T[],
  seed: string,
  size: number = LOOKBACK_SAMPLE_SIZE,
): T[] {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw invalidInput({
      code: 'lookback.size',
      message: {
        zh: `抽样数必须是非负整数，实际为 ${size}`,
        en: `sample size must be a whole number ≥ 0, got ${size}`,
      },
      field: 'size',
    });
  }
  for (const id of residentIds) {
    if (typeof id === 'number' && !Number.isFinite(id)) {
      throw invalidInput({
        code: 'lookback.residentId',
        message: { zh: `居民编号无效：${id}`, en: `not a resident id: ${id}` },
        field: 'residentIds',
      });
    }
  }
  const pool = [...new Set(residentIds)].sort(compareIds);
  const k = Math.min(size, pool.length);
  const rng = xoroshiro128plus(fnv1a32(seed) | 0);
  // xoroshiro128+'s first outputs still echo the seed's bits; a few steps mix them through
  // the state (as src/demo/random.ts does).
  for (let i = 0; i < 8; i++) rng.next();
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, pool.length - 1);
    const pick = pool[j] as T;
    pool[j] = pool[i] as T;
    pool[i] = pick;
  }
  return pool.slice(0, k);
}

function checkWholeNumber(value: number, field: string, max?: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || (max !== undefined && value > max)) {
    throw invalidInput({
      code: 'lookback.lqas',
      message: {
        zh: `${field} 必须是 0${max === undefined ? '以上' : `–${max}`} 的整数，实际为 ${value}`,
        en: `${field} must be a whole number ${max === undefined ? '≥ 0' : `from 0 to ${max}`}, got ${value}`,
      },
      field,
    });
  }
}

/**
 * The LQAS decision for a lot: it fails when more than `decisionValue` of the `sampleSize`
 * checked are found not done ("failures"), and passes otherwise.
 */
export function lqasDecision(
  sampleSize: number,
  failures: number,
  decisionValue: number = DEFAULT_LQAS_DECISION_VALUE,
): 'pass' | 'fail' {
  checkWholeNumber(sampleSize, 'sampleSize');
  checkWholeNumber(failures, 'failures', sampleSize);
  checkWholeNumber(decisionValue, 'decisionValue');
  return failures > decisionValue ? 'fail' : 'pass';
}

/**
 * The operating characteristic of an LQAS plan: the probability that a lot whose true coverage
 * is `coverage` passes, i.e. that a binomial(sampleSize, 1 − coverage) count of failures is at
 * most decisionValue. It is what makes a choice of n and d explainable in numbers.
 */
export function lqasPassProbability(sampleSize: number, decisionValue: number, coverage: number): number {
  checkWholeNumber(sampleSize, 'sampleSize');
  checkWholeNumber(decisionValue, 'decisionValue');
  if (!(coverage >= 0 && coverage <= 1)) {
    throw invalidInput({
      code: 'lookback.coverage',
      message: {
        zh: `覆盖率必须在 0–1 之间，实际为 ${coverage}`,
        en: `coverage must be from 0 to 1, got ${coverage}`,
      },
      field: 'coverage',
    });
  }
  // Each term C(n, x)·pˣ·qⁿ⁻ˣ in logs, so neither a large C nor a tiny power under- or
  // overflows on its own; 0·log 0 counts as 0 (the only mass at coverage 0 or 1).
  const q = coverage;
  const p = 1 - coverage;
  const xLog = (k: number, prob: number): number => (k === 0 ? 0 : k * Math.log(prob));
  let logC = 0;
  let sum = 0;
  for (let x = 0; x <= Math.min(decisionValue, sampleSize); x++) {
    if (x > 0) logC += Math.log(sampleSize - x + 1) - Math.log(x);
    sum += Math.exp(logC + xLog(x, p) + xLog(sampleSize - x, q));
  }
  return Math.min(1, sum);
}

export interface LookbackFinding<Id extends number | string = number | string> {
  residentId: Id;
  /** The door agrees with the register (vaccinated as recorded, exempt as recorded …). */
  matches: boolean;
  note?: string;
}

export interface LookbackVerdict<Id extends number | string = number | string> {
  /** Residents checked (a resident found twice counts once). */
  checked: number;
  /** Residents with at least one finding that does not match. */
  discrepancies: number;
  /** Their ids, in the order first found, for the close-out ledger. */
  discrepantResidentIds: Id[];
  /** Any discrepancy reopens the unit: a cleared unit has nobody left to find (DESIGN.md). */
  reopen: boolean;
}

/**
 * The look-back's verdict. Unlike an LQAS survey there is no tolerance: the unit claimed to be
 * cleared to zero, so a single resident who is not as recorded proves the claim wrong.
 */
export function lookbackVerdict<Id extends number | string>(
  findings: readonly LookbackFinding<Id>[],
): LookbackVerdict<Id> {
  const checked = new Set<Id>();
  const discrepant = new Set<Id>();
  for (const f of findings) {
    checked.add(f.residentId);
    if (!f.matches) discrepant.add(f.residentId);
  }
  return {
    checked: checked.size,
    discrepancies: discrepant.size,
    discrepantResidentIds: [...discrepant],
    reopen: discrepant.size > 0,
  };
}
