/**
 * What the register says about each person beyond age and family: birth date, name, where the
 * household registration is (人户分离 for a few), ID number, phone, mobility and status.
 */
import { composeIdNumber } from '../domain/idcard.js';
import { dayNumber } from '../domain/calendar.js';
import { MAX_AGE } from './agePyramid.js';
import { ROLE_CHILD_SPOUSE, ROLE_SPOUSE, type VillageFolk } from './households.js';
import { fullName } from './names.js';
import { type Random, streamSeed, Weighted } from './random.js';
import { dateOf, REGISTER_DAY, TODAY_DAY } from './timeline.js';

export const STATUS_ACTIVE = 0;
export const STATUS_MOVED_OUT = 1;
export const STATUS_DECEASED = 2;
export const STATUS_NAMES = ['active', 'moved-out', 'deceased'] as const;

/**
 * Where people registered outside the county come from: mostly the neighbours (湘潭 city's
 * districts, 湘乡, 韶山, 长沙, 株洲), some from further in Hunan. Real county-level codes from the
 * division list; index 0 is the home county.
 */
const ELSEWHERE: readonly (readonly [string, number])[] = [
  ['430302', 8], // 湘潭市雨湖区
  ['430304', 7], // 湘潭市岳塘区
  ['430381', 8], // 湘乡市
  ['430382', 4], // 韶山市
  ['430102', 2], // 长沙市芙蓉区
  ['430103', 2], // 长沙市天心区
  ['430121', 3], // 长沙县
  ['430181', 2], // 浏阳市
  ['430182', 3], // 宁乡市
  ['430202', 3], // 株洲市荷塘区
  ['430211', 3], // 株洲市天元区
  ['430421', 3], // 衡阳县
  ['430582', 2], // 邵东市
  ['430621', 1], // 岳阳县
  ['430721', 1], // 安乡县
  ['430821', 1], // 慈利县
  ['430921', 1], // 南县
  ['431021', 1], // 桂阳县
  ['431181', 1], // 祁阳市
  ['431221', 1], // 中方县
  ['431321', 3], // 双峰县
  ['433101', 1], // 吉首市
];

export function areaCodes(home: string): readonly string[] {
  return [home, ...ELSEWHERE.map(([c]) => c)];
}

const ELSEWHERE_INDEX = new Weighted(ELSEWHERE.map(([, w], i) => [i + 1, w] as const));

/** Birth-day ranges that make someone exactly `age` on TODAY (the birthday starts the new age). */
const BIRTH_LO = new Int32Array(MAX_AGE + 1);
const BIRTH_HI = new Int32Array(MAX_AGE + 1);
for (let a = 0; a <= MAX_AGE; a++) {
  BIRTH_LO[a] = dayNumber(`${2021 - a - 1}-08-10`);
  // Nobody born after the register was loaded (2021-06-01) is on it.
  BIRTH_HI[a] = Math.min(dayNumber(`${2021 - a}-08-09`), REGISTER_DAY - 1);
}

/** The year of a day number, read off the cached date string. */
function yearOf(day: number): number {
  const s = dateOf(day);
  return (
    (s.charCodeAt(0) - 48) * 1000 +
    (s.charCodeAt(1) - 48) * 100 +
    (s.charCodeAt(2) - 48) * 10 +
    (s.charCodeAt(3) - 48)
  );
}

/** Attributes of a village's people, parallel to VillageFolk's arrays. */
export class VillagePeople {
  birthDay = new Int32Array(0);
  area = new Uint8Array(0);
  status = new Uint8Array(0);
  limited = new Uint8Array(0);
  names: string[] = [];

  private ensure(n: number): void {
    if (this.birthDay.length >= n) return;
    const cap = Math.max(n, this.birthDay.length * 2, 64);
    this.birthDay = new Int32Array(cap);
    this.area = new Uint8Array(cap);
    this.status = new Uint8Array(cap);
    this.limited = new Uint8Array(cap);
  }

  assign(rng: Random, folk: VillageFolk): void {
    const n = folk.people;
    this.ensure(n);
    for (let i = 0; i < n; i++) {
      const age = folk.age[i] as number;
      const male = folk.male[i] === 1;
      const day = rng.int(BIRTH_LO[age] as number, BIRTH_HI[age] as number);
      this.birthDay[i] = day;
      this.names[i] = fullName(rng, folk.surname[i] as number, male, yearOf(day));
      // Wives married in from another county often keep their registration there.
      const role = folk.role[i] as number;
      const elsewhere = role === ROLE_SPOUSE || role === ROLE_CHILD_SPOUSE ? 0.1 : 0.015;
      this.area[i] = rng.chance(elsewhere) ? ELSEWHERE_INDEX.pick(rng) : 0;
      this.status[i] = drawStatus(rng, age);
      this.limited[i] = rng.chance(limitedMobility(age)) ? 1 : 0;
    }
  }
}

/** Moving away is for the young (~1.5% overall); dying for the old (~0.7% overall). */
function drawStatus(rng: Random, age: number): number {
  const u = rng.float();
  const moved = age >= 18 && age < 46 ? 0.028 : 0.008;
  if (u < moved) return STATUS_MOVED_OUT;
  const died = age >= 80 ? 0.09 : age >= 70 ? 0.025 : age >= 60 ? 0.008 : 0.002;
  return u < moved + died ? STATUS_DECEASED : STATUS_ACTIVE;
}

/** Rises with age: about 5% at 60–69, 15% at 70–79, 35% at 80+ (and a few younger, disabled). */
function limitedMobility(age: number): number {
  return age >= 80 ? 0.35 : age >= 70 ? 0.15 : age >= 60 ? 0.05 : 0.008;
}

/** Whether someone of this age has a mobile number on the register. */
export function phoneChance(age: number): number {
  return age < 16 ? 0 : age < 18 ? 0.6 : age < 70 ? 0.95 : age < 80 ? 0.6 : 0.3;
}

/** Mainland mobile prefixes of the three carriers in 2021. */
const MOBILE_PREFIXES = (
  '134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 198 ' +
  '130 131 132 145 155 156 166 175 176 185 186 133 149 153 173 177 180 181 189 191 199'
).split(' ');

export function drawPhone(rng: Random): string {
  const rest = rng.int(0, 99_999_999);
  return (rng.pick(MOBILE_PREFIXES) as string) + String(rest).padStart(8, '0');
}

/**
 * Unique ID numbers: the sequence code (3 digits, odd for men) is handed out per area, birth
 * day and sex, in a scrambled order so that numbers do not read 001, 003, 005 …
 */
export class IdNumbers {
  private readonly counts: Uint16Array;
  private readonly firstDay = BIRTH_LO[MAX_AGE] as number;

  constructor(
    private readonly areas: readonly string[],
    private readonly seed: number,
  ) {
    this.counts = new Uint16Array((TODAY_DAY - this.firstDay + 1) * areas.length * 2);
  }

  next(areaIndex: number, birthDay: number, birthDate: string, male: boolean): string {
    const slot = ((birthDay - this.firstDay) * this.areas.length + areaIndex) * 2 + (male ? 1 : 0);
    const k = this.counts[slot] as number;
    if (k >= 500) throw new RangeError(`more than 500 people of one sex born on ${birthDate} in one area`);
    this.counts[slot] = k + 1;
    // 37 is coprime with 500, so k ↦ (37k + offset) mod 500 is a permutation.
    const offset = streamSeed(this.seed, [birthDay, areaIndex]) % 500;
    const j = (k * 37 + offset) % 500;
    return composeIdNumber(this.areas[areaIndex] as string, birthDate, j * 2 + (male ? 1 : 0));
  }
}
