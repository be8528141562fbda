/**
 * Dose records: when first doses were given, with which product, and the later doses of the
 * series that have fallen due by 9 August.
 *
 * The timeline: adults from 25 March 2021, peaking in May–June as supply grew, slower in July;
 * then the county's drive from 20 July, accelerating day by day into August, which is also
 * when the 12–17-year-olds came (only inactivated vaccines were approved for them). Second
 * doses follow the 2021 guideline's windows (《新冠病毒疫苗接种技术指南（第一版）》): inactivated
 * 21–56 days after the first, ZF2001 at least 28 days between doses. A dose is only recorded if
 * its day has come; some people skip or delay theirs.
 */
import type { ProductCode } from '../domain/vaccines/catalog.js';
import { Random, Weighted } from './random.js';
import type { RowBuffer } from './rows.js';
import { DRIVE_START_DAY, FIRST_DOSES_FROM_DAY, HOUR, TODAY_DAY, dateOf, instantOn } from './timeline.js';

export const PRODUCTS: readonly ProductCode[] = [
  'sinopharm-bibp',
  'sinopharm-wibp',
  'sinovac',
  'cansino',
  'zf2001',
];
const BIBP = 0;
const WIBP = 1;
const SINOVAC = 2;
const CANSINO = 3;
const ZF2001 = 4;

/** 北京生物 45%, 科兴 35%, 武汉生物 8%, 智飞 7%, 康希诺 5% (the county's supply, made up). */
const ADULT_MIX = new Weighted([
  [BIBP, 45],
  [SINOVAC, 35],
  [WIBP, 8],
  [ZF2001, 7],
  [CANSINO, 5],
]);
/** 12–17: inactivated vaccines only (approved for 3–17 in June 2021). */
const MINOR_MIX = new Weighted([
  [BIBP, 50],
  [SINOVAC, 42],
  [WIBP, 8],
]);

/** Lot numbers read 202106B0123: production year and month, the maker's letter, four digits. */
const LOT_LETTER = ['B', 'W', 'K', 'C', 'Z'] as const;

/** Where people working away got their dose, and the city the grid member writes down. */
export const ELSEWHERE_SITES: readonly (readonly [site: string, city: string])[] = [
  ['长沙市雨花区疾病预防控制中心接种门诊', '湖南省长沙市'],
  ['长沙市岳麓区望月湖街道社区卫生服务中心', '湖南省长沙市'],
  ['湘潭市雨湖区人民医院新冠疫苗接种点', '湖南省湘潭市'],
  ['株洲市天元区嵩山路街道社区卫生服务中心', '湖南省株洲市'],
  ['深圳市宝安区新安街道新冠疫苗临时接种点', '广东省深圳市'],
  ['广州市白云区京溪街社区卫生服务中心', '广东省广州市'],
  ['东莞市长安镇社区卫生服务中心', '广东省东莞市'],
  ['佛山市南海区桂城街道新冠疫苗接种点', '广东省佛山市'],
  ['杭州市萧山区新冠疫苗临时接种点', '浙江省杭州市'],
  ['上海市浦东新区新冠疫苗接种点', '上海市'],
];

function dayWeights(from: number, to: number, weight: (day: number) => number): Weighted<number> {
  const entries: [number, number][] = [];
  for (let d = from; d <= to; d++) entries.push([d, weight(d)]);
  return new Weighted(entries);
}

const APRIL_16 = FIRST_DOSES_FROM_DAY + 22;
const MAY_16 = APRIL_16 + 30;
const JUNE_21 = MAY_16 + 36;

const BEFORE_DRIVE = dayWeights(FIRST_DOSES_FROM_DAY, DRIVE_START_DAY - 1, (d) => {
  const rate = d < APRIL_16 ? 0.45 : d < MAY_16 ? 1 : d < JUNE_21 ? 1.6 : 0.85;
  // Day 0 (1970-01-01) was a Thursday: (d + 4) % 7 === 0 is a Sunday, a quieter day at the sites.
  return (d + 4) % 7 === 0 ? rate * 0.6 : rate;
});

/** The drive: every day a little busier than the one before, three to four times by August. */
const DRIVE = dayWeights(
  DRIVE_START_DAY,
  TODAY_DAY,
  (d) => 1 + (3 * (d - DRIVE_START_DAY)) / (TODAY_DAY - DRIVE_START_DAY),
);

/** Site hours 08:00–17:30: a dose is given at some second in between. */
const SITE_OPEN = 8 * HOUR;
const SITE_SECONDS = 9.5 * HOUR;

export interface Site {
  name: string;
  vaccinators: readonly string[];
}

export class DoseWriter {
  /** lots[product][month − 2021-01] */
  private readonly lots: string[][][];

  constructor(
    seed: number,
    private readonly buf: RowBuffer,
    private readonly countyCode: string,
  ) {
    const rng = Random.stream(seed, 0x1075);
    this.lots = LOT_LETTER.map((letter) =>
      Array.from({ length: 12 }, (_, m) =>
        Array.from({ length: 4 }, () => {
          // Made one to three months before use.
          const made = m + 1 - rng.int(1, 3);
          const year = made < 1 ? 2020 : 2021;
          const month = made < 1 ? made + 12 : made;
          return `${year}${String(month).padStart(2, '0')}${letter}${String(rng.int(0, 9999)).padStart(4, '0')}`;
        }),
      ),
    );
  }

  product(rng: Random, minor: boolean): number {
    return (minor ? MINOR_MIX : ADULT_MIX).pick(rng);
  }

  firstDoseDay(rng: Random, minor: boolean, preDriveShare: number): number {
    return !minor && rng.chance(preDriveShare) ? BEFORE_DRIVE.pick(rng) : DRIVE.pick(rng);
  }

  private lot(rng: Random, product: number, day: number): string {
    const month = Number(dateOf(day).slice(5, 7)) - 1;
    return rng.pick((this.lots[product] as string[][])[month] as string[]);
  }

  private row(
    rng: Random,
    residentId: number,
    product: number,
    doseNumber: number,
    day: number,
    site: string,
    vaccinator: string | null,
    elsewhere: boolean,
  ): void {
    const at = instantOn(day, SITE_OPEN + rng.int(0, SITE_SECONDS - 1));
    const r = this.buf.next();
    r[0] = this.countyCode;
    r[1] = rng.uuid();
    r[2] = residentId;
    r[3] = PRODUCTS[product];
    r[4] = this.lot(rng, product, day);
    r[5] = doseNumber;
    r[6] = at;
    r[7] = site;
    r[8] = vaccinator;
    r[9] = elsewhere ? 'verified-elsewhere' : 'given';
    r[10] = null;
    r[11] = null;
    r[12] = at;
  }

  /**
   * Writes the first dose on `firstDay` and whichever later doses have fallen due; returns the
   * number of rows written. `elsewhere` is an index into ELSEWHERE_SITES, or -1 for a dose
   * given at the resident's own site.
   */
  write(
    rng: Random,
    residentId: number,
    product: number,
    firstDay: number,
    site: Site,
    elsewhere: number,
  ): number {
    const away = elsewhere >= 0;
    const siteName = away ? (ELSEWHERE_SITES[elsewhere] as readonly [string, string])[0] : site.name;
    this.row(rng, residentId, product, 1, firstDay, siteName, away ? null : rng.pick(site.vaccinators), away);
    if (product === CANSINO) return 1;
    if (product === ZF2001) {
      if (!rng.chance(0.92)) return 1;
      const second = firstDay + 28 + Math.floor(21 * rng.float() ** 2);
      if (second > TODAY_DAY) return 1;
      this.row(rng, residentId, product, 2, second, siteName, away ? null : rng.pick(site.vaccinators), away);
      if (!rng.chance(0.9)) return 2;
      const third = second + 28 + Math.floor(21 * rng.float() ** 2);
      if (third > TODAY_DAY) return 2;
      this.row(rng, residentId, product, 3, third, siteName, away ? null : rng.pick(site.vaccinators), away);
      return 3;
    }
    // Inactivated: most come back at three to five weeks, a few nearer eight.
    if (!rng.chance(0.93)) return 1;
    const second = firstDay + 21 + Math.floor(36 * rng.float() ** 2.2);
    if (second > TODAY_DAY) return 1;
    this.row(rng, residentId, product, 2, second, siteName, away ? null : rng.pick(site.vaccinators), away);
    return 2;
  }
}
