/**
 * Where each resident stands in the first-dose campaign on the evening of 9 August, decided
 * before any row is written, so that the dose and visit rows can be made to agree with it.
 *
 * These are the engine's rules, applied in advance: a resident is ineligible (under 12 on the
 * as-of date, or not active), done (a first dose on or before now), exempt (latest visit a
 * permanent contraindication, moved out or deceased), deferred (latest visit a temporary
 * contraindication until after today), open (asked, none of those: booked, away, refused, not
 * found, claims a dose elsewhere not yet verified, or a deferral that has run out) or
 * unscreened (nobody asked). A village is double-cleared when nobody is open or unscreened; a
 * village planned as cleared gets only done, exempt and deferred residents, and any other
 * village is made to keep at least one resident open, so that chance never clears or uncleared
 * a village the plan did not mean to.
 */
import { ROLE_HEAD, type VillageFolk } from './households.js';
import { STATUS_ACTIVE, type VillagePeople } from './people.js';
import type { VillagePlan } from './plan.js';
import { type Random, Weighted } from './random.js';

export const STATE_CHILD = 0;
export const STATE_GONE = 1;
export const STATE_DONE = 2;
export const STATE_EXEMPT = 3;
export const STATE_DEFERRED = 4;
export const STATE_OPEN = 5;
export const STATE_UNSCREENED = 6;

export const OPEN_BOOKED = 0;
export const OPEN_AWAY = 1;
export const OPEN_REFUSED = 2;
export const OPEN_NOT_FOUND = 3;
export const OPEN_CLAIMED_ELSEWHERE = 4;
export const OPEN_DEFERRAL_ENDED = 5;

/** The campaign's minimum age (12, from the July 2021 extension to 12–17-year-olds). */
export const MIN_AGE = 12;

/** 12–17, 18–59, 60–69, 70–79, 80+. */
export function ageGroup(age: number): number {
  return age < 18 ? 0 : age < 60 ? 1 : age < 70 ? 2 : age < 80 ? 3 : 4;
}

/**
 * Uptake by age, as log-odds shifts around the village's level: schools and workplaces moved
 * the young; the old hesitated most and were most often turned away at the screening desk.
 */
const AGE_SHIFT = [0.35, 0.35, -0.3, -0.8, -1.6] as const;
/** Permanent contraindications found, by age group. */
const EXEMPT = [0.003, 0.005, 0.015, 0.035, 0.08] as const;
/** Temporary ones (fever, a blood pressure not under control …), plus pregnancy for women 20–39. */
const DEFERRED = [0.004, 0.005, 0.008, 0.012, 0.015] as const;
const PREGNANT = 0.015;

const OPEN_BY_GROUP: readonly Weighted<number>[] = [
  new Weighted([
    [OPEN_BOOKED, 45],
    [OPEN_AWAY, 8],
    [OPEN_REFUSED, 17],
    [OPEN_NOT_FOUND, 15],
    [OPEN_CLAIMED_ELSEWHERE, 10],
    [OPEN_DEFERRAL_ENDED, 5],
  ]),
  new Weighted([
    [OPEN_BOOKED, 28],
    [OPEN_AWAY, 36],
    [OPEN_REFUSED, 12],
    [OPEN_NOT_FOUND, 11],
    [OPEN_CLAIMED_ELSEWHERE, 10],
    [OPEN_DEFERRAL_ENDED, 3],
  ]),
  ...[0, 1, 2].map(
    () =>
      new Weighted([
        [OPEN_BOOKED, 30],
        [OPEN_AWAY, 6],
        [OPEN_REFUSED, 38],
        [OPEN_NOT_FOUND, 9],
        [OPEN_CLAIMED_ELSEWHERE, 5],
        [OPEN_DEFERRAL_ENDED, 12],
      ]),
  ),
];

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The village's log-odds level that makes the expected done share of its eligible residents
 * equal `target`, given how many eligible it has in each age group (bisection; the share is
 * increasing in the level).
 */
function calibrate(target: number, groups: Float64Array, eligible: number): number {
  let lo = -12;
  let hi = 12;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    let done = 0;
    for (let g = 0; g < 5; g++) {
      const left = 1 - (EXEMPT[g] as number) - (DEFERRED[g] as number);
      done += (groups[g] as number) * left * sigmoid(mid + (AGE_SHIFT[g] as number));
    }
    if (done / eligible < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export class VillageStates {
  state = new Uint8Array(0);
  openKind = new Uint8Array(0);
  /** Why deferred: 1 pregnancy, 0 other. */
  pregnant = new Uint8Array(0);
  eligible = 0;
  done = 0;
  private readonly groups = new Float64Array(5);

  private ensure(n: number): void {
    if (this.state.length >= n) return;
    const cap = Math.max(n, this.state.length * 2, 64);
    this.state = new Uint8Array(cap);
    this.openKind = new Uint8Array(cap);
    this.pregnant = new Uint8Array(cap);
  }

  plan(rng: Random, v: VillagePlan, folk: VillageFolk, people: VillagePeople): void {
    const n = folk.people;
    this.ensure(n);
    const groups = this.groups;
    groups.fill(0);
    let eligible = 0;
    for (let i = 0; i < n; i++) {
      const age = folk.age[i] as number;
      if (people.status[i] !== STATUS_ACTIVE) this.state[i] = STATE_GONE;
      else if (age < MIN_AGE) this.state[i] = STATE_CHILD;
      else {
        this.state[i] = STATE_UNSCREENED;
        groups[ageGroup(age)] = (groups[ageGroup(age)] as number) + 1;
        eligible++;
      }
    }
    const level = eligible > 0 && !v.cleared ? calibrate(v.completion, groups, eligible) : 0;

    let done = 0;
    let open = 0;
    for (let i = 0; i < n; i++) {
      if (this.state[i] !== STATE_UNSCREENED) continue;
      const age = folk.age[i] as number;
      const g = ageGroup(age);
      const pregnant = folk.male[i] === 0 && age >= 20 && age < 40 ? PREGNANT : 0;
      const u = rng.float();
      const ex = EXEMPT[g] as number;
      const def = (DEFERRED[g] as number) + pregnant;
      this.pregnant[i] = 0;
      if (u < ex) {
        this.state[i] = STATE_EXEMPT;
      } else if (u < ex + def) {
        this.state[i] = STATE_DEFERRED;
        this.pregnant[i] = u >= ex + (DEFERRED[g] as number) ? 1 : 0;
      } else if (v.cleared || rng.chance(sigmoid(level + (AGE_SHIFT[g] as number)))) {
        this.state[i] = STATE_DONE;
        done++;
      } else if (rng.chance(v.screening)) {
        this.state[i] = STATE_OPEN;
        this.openKind[i] = (OPEN_BY_GROUP[g] as Weighted<number>).pick(rng);
        open++;
      } else {
        open++; // unscreened
      }
    }

    if (!v.cleared && open === 0) done -= this.keepOpen(rng, folk, people, n, eligible);
    this.eligible = this.countEligible(n);
    this.done = done;
  }

  /**
   * A village the plan did not clear keeps one resident open: at small demo sizes a village
   * of a few people would otherwise clear by chance. Returns 1 if a done resident was taken.
   */
  private keepOpen(
    rng: Random,
    folk: VillageFolk,
    people: VillagePeople,
    n: number,
    eligible: number,
  ): number {
    let pick = -1;
    if (eligible > 0) {
      let k = rng.int(0, eligible - 1);
      for (let i = 0; i < n && pick < 0; i++) {
        const s = this.state[i];
        if (s === STATE_DONE || s === STATE_EXEMPT || s === STATE_DEFERRED) {
          if (k-- === 0) pick = i;
        }
      }
    }
    if (pick < 0) {
      // Nobody eligible at all: the household head is still here after all.
      for (let i = 0; i < n && pick < 0; i++)
        if (folk.role[i] === ROLE_HEAD && (folk.age[i] as number) >= MIN_AGE) pick = i;
      if (pick < 0) return 0;
      people.status[pick] = STATUS_ACTIVE;
    }
    const wasDone = this.state[pick] === STATE_DONE ? 1 : 0;
    this.state[pick] = STATE_OPEN;
    this.openKind[pick] = OPEN_BOOKED;
    return wasDone;
  }

  private countEligible(n: number): number {
    let e = 0;
    for (let i = 0; i < n; i++) {
      const s = this.state[i] as number;
      if (s !== STATE_CHILD && s !== STATE_GONE) e++;
    }
    return e;
  }
}
