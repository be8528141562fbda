/**
 * Screening visits (摸排记录): the contacts grid members had with residents, each with its
 * outcome. The last visit of a resident who is not done is what makes them exempt, deferred or
 * open, so these are written to match the state planned in states.ts; earlier visits (a door
 * nobody answered, a refusal before a booking) only add history.
 *
 * Every visit is one that src/domain/screening.ts's validateVisit accepts: the outcome's
 * required fields are there (a booked date and site, an away resident's place and return date,
 * a refusal's reason, a permanent contraindication of a permanent kind …), fields that do not
 * belong to the outcome are not, and the follow-up date is the one defaultFollowUp would give.
 * Contraindications use the codes of the guideline's five groups
 * (《新冠病毒疫苗接种技术指南（第一版）》 四、接种禁忌), with what the doctor noted as the reason.
 */
import { dayNumber } from '../domain/calendar.js';
import { ELSEWHERE_SITES, PRODUCTS } from './doses.js';
import { type Random, Weighted } from './random.js';
import type { RowBuffer } from './rows.js';
import { OPEN_AWAY, OPEN_BOOKED, OPEN_CLAIMED_ELSEWHERE, OPEN_NOT_FOUND, OPEN_REFUSED } from './states.js';
import { DRIVE_START_DAY, FIRST_DOSES_FROM_DAY, HOUR, TODAY_DAY, dateOf, instantOn } from './timeline.js';

const w = <T>(entries: readonly (readonly [T, number])[]): Weighted<T> => new Weighted(entries);

/** Lasting: the guideline's groups 1–3, as [code, the doctor's note]. */
const PERMANENT = w([
  [['vaccine-allergy', '对疫苗所含成分过敏'], 3],
  [['vaccine-allergy', '既往接种同类疫苗时出现过敏'], 1],
  [['severe-allergic-reaction', '既往发生过疫苗严重过敏反应（过敏性休克）'], 2],
  [['severe-allergic-reaction', '既往接种疫苗后出现喉头水肿、呼吸困难'], 1],
  [['neurological-disease', '癫痫未控制'], 2],
  [['neurological-disease', '格林巴利综合征病史'], 1],
  [['neurological-disease', '脱髓鞘疾病'], 1],
] as const);

/** Passing: group 4 (fever, acute illness, a chronic disease flaring or not under control). */
const TEMPORARY = w([
  [['acute-illness', '正在发热'], 3],
  [['acute-illness', '急性上呼吸道感染'], 2],
  [['acute-illness', '慢性病急性发作期'], 2],
  [['acute-illness', '血压控制不佳，待控制后接种'], 3],
  [['acute-illness', '血糖控制不佳，待控制后接种'], 1],
] as const);
const PREGNANCY = ['pregnancy', '妊娠期'] as const;

const REFUSED_YOUNG = w([
  ['担心副作用', 4],
  ['观望', 4],
  ['工作忙没时间', 2],
  ['家人不同意', 1],
]);
const REFUSED_MINOR = w([
  ['家长不同意', 3],
  ['担心副作用', 3],
  ['观望', 2],
]);
const REFUSED_OLD = w([
  ['年纪大不想打', 5],
  ['身体原因', 4],
  ['担心副作用', 3],
  ['观望', 2],
  ['子女不同意', 1],
]);

function refusalReasons(ageGroup: number): Weighted<string> {
  return ageGroup === 0 ? REFUSED_MINOR : ageGroup >= 2 ? REFUSED_OLD : REFUSED_YOUNG;
}

/** Where the county's people work away (外出务工): Guangdong and Changsha above all. */
const AWAY_PLACES = w([
  ['广东省深圳市', 5],
  ['广东省广州市', 4],
  ['广东省东莞市', 3],
  ['广东省佛山市', 2],
  ['湖南省长沙市', 5],
  ['湖南省株洲市', 1],
  ['湖南省湘潭市', 2],
  ['浙江省杭州市', 1],
  ['浙江省宁波市', 1],
  ['上海市', 1],
  ['北京市', 1],
  ['江苏省苏州市', 1],
  ['福建省厦门市', 1],
  ['湖北省武汉市', 1],
]);
/** When those away say they will be back: end of summer, National Day, the Spring Festival. */
const AWAY_UNTIL: readonly number[] = [
  '2021-08-31',
  '2021-09-30',
  '2021-10-07',
  '2021-12-31',
  '2022-01-31',
].map(dayNumber);

const HEALTH_CODE = w([
  ['green', 984],
  ['yellow', 13],
  ['red', 3],
]);

/** Screening days: from the drive's start, busier toward its end. */
const VISIT_DAYS = w(
  Array.from(
    { length: TODAY_DAY - DRIVE_START_DAY + 1 },
    (_, i) => [DRIVE_START_DAY + i, 1 + (2 * i) / 20] as const,
  ),
);

/** Door visits and calls from 08:00 to 18:00. */
const DAY_START = 8 * HOUR;
const DAY_SECONDS = 10 * HOUR;

type Channel = 'door' | 'phone' | 'wechat' | 'site';

const NONE = -1;

/** The optional columns of one visit; days are day numbers, NONE for absent. */
interface Fields {
  followUp: number;
  until: number;
  booked: number;
  site: string | null;
  placeText: string | null;
  reason: string | null;
  verified: number | null;
  product: string | null;
  contraindication: string | null;
}

export class VisitWriter {
  /** Reused for every visit: the hot path fills it and `row` copies it out. */
  private readonly f: Fields = {
    followUp: NONE,
    until: NONE,
    booked: NONE,
    site: null,
    placeText: null,
    reason: null,
    verified: null,
    product: null,
    contraindication: null,
  };

  constructor(
    private readonly buf: RowBuffer,
    private readonly countyCode: string,
  ) {}

  private fields(): Fields {
    const f = this.f;
    f.followUp = NONE;
    f.until = NONE;
    f.booked = NONE;
    f.site = null;
    f.placeText = null;
    f.reason = null;
    f.verified = null;
    f.product = null;
    f.contraindication = null;
    return f;
  }

  private row(rng: Random, residentId: number, day: number, channel: Channel, outcome: string): void {
    const f = this.f;
    const at = instantOn(day, DAY_START + rng.int(0, DAY_SECONDS - 1));
    const r = this.buf.next();
    r[0] = this.countyCode;
    r[1] = rng.uuid();
    r[2] = residentId;
    r[3] = at;
    r[4] = channel;
    r[5] = outcome;
    // A health code is shown at the door and at the site; on the phone it is often not asked.
    r[6] = channel === 'door' || channel === 'site' || rng.chance(0.6) ? HEALTH_CODE.pick(rng) : null;
    r[7] = f.followUp === NONE ? null : dateOf(f.followUp);
    r[8] = f.until === NONE ? null : dateOf(f.until);
    r[9] = f.booked === NONE ? null : dateOf(f.booked);
    r[10] = f.site;
    r[11] = f.placeText;
    r[12] = f.reason;
    r[13] = f.verified;
    r[14] = f.product;
    r[15] = f.contraindication;
    r[16] = null;
    r[17] = null;
    r[18] = null;
    r[19] = at;
  }

  private channel(rng: Random, door: number, phone: number): Channel {
    const u = rng.float();
    return u < door ? 'door' : u < door + phone ? 'phone' : 'wechat';
  }

  private notFound(rng: Random, residentId: number, day: number): void {
    this.fields().followUp = day + 2;
    this.row(rng, residentId, day, 'door', 'not-found');
  }

  private refused(rng: Random, residentId: number, day: number, channel: Channel, ageGroup: number): void {
    const f = this.fields();
    f.reason = refusalReasons(ageGroup).pick(rng);
    f.followUp = day + 3;
    this.row(rng, residentId, day, channel, 'refused');
  }

  private booked(
    rng: Random,
    residentId: number,
    day: number,
    channel: Channel,
    bookedDay: number,
    site: string,
  ): void {
    const f = this.fields();
    f.booked = bookedDay;
    f.site = site;
    f.followUp = bookedDay + 1;
    this.row(rng, residentId, day, channel, 'booked');
  }

  /** A resident who got a first dose here: often booked by a grid member a few days before. */
  beforeDose(rng: Random, residentId: number, doseDay: number, site: string, ageGroup: number): void {
    const inDrive = doseDay >= DRIVE_START_DAY;
    if (!rng.chance(inDrive ? 0.75 : 0.6)) return;
    const day = doseDay - rng.int(1, inDrive ? 4 : 7);
    if (day < (inDrive ? DRIVE_START_DAY : FIRST_DOSES_FROM_DAY - 7)) return;
    // Some said no, or were not in, the first time.
    if (inDrive && rng.chance(0.12)) {
      const earlier = day - rng.int(1, 5);
      if (earlier >= DRIVE_START_DAY) {
        if (rng.chance(0.5)) this.notFound(rng, residentId, earlier);
        else this.refused(rng, residentId, earlier, 'door', ageGroup);
      }
    }
    const channel = inDrive ? this.channel(rng, 0.7, 0.2) : this.channel(rng, 0.3, 0.4);
    this.booked(rng, residentId, day, channel, doseDay, site);
  }

  /** A dose given in another county, seen and verified by the grid member afterwards. */
  verifiedElsewhere(
    rng: Random,
    residentId: number,
    doseDay: number,
    elsewhere: number,
    product: number,
  ): void {
    const from = Math.max(DRIVE_START_DAY, doseDay + 1);
    const day = from > TODAY_DAY ? TODAY_DAY : rng.int(from, TODAY_DAY);
    const f = this.fields();
    f.placeText = (ELSEWHERE_SITES[elsewhere] as readonly [string, string])[1];
    f.verified = 1;
    f.product = PRODUCTS[product] ?? null;
    this.row(rng, residentId, day, this.channel(rng, 0.2, 0.5), 'vaccinated-elsewhere');
  }

  exempt(rng: Random, residentId: number): void {
    const day = VISIT_DAYS.pick(rng);
    const [code, note] = PERMANENT.pick(rng);
    const f = this.fields();
    f.contraindication = code;
    f.reason = note;
    // Found at the site's pre-vaccination screening about as often as at the door.
    this.row(rng, residentId, day, rng.chance(0.45) ? 'site' : 'door', 'contraindicated-permanent');
  }

  deferred(rng: Random, residentId: number, pregnant: boolean): void {
    const day = VISIT_DAYS.pick(rng);
    // The first day they may be vaccinated again, after today: deferred tonight.
    const until = pregnant
      ? TODAY_DAY + rng.int(60, 240)
      : Math.max(day + rng.int(7, 45), TODAY_DAY + rng.int(1, 20));
    const [code, note] = pregnant ? PREGNANCY : TEMPORARY.pick(rng);
    const f = this.fields();
    f.until = until;
    f.followUp = until;
    f.contraindication = code;
    f.reason = note;
    this.row(
      rng,
      residentId,
      day,
      !pregnant && rng.chance(0.5) ? 'site' : 'door',
      'contraindicated-temporary',
    );
  }

  gone(rng: Random, residentId: number, deceased: boolean): void {
    const day = VISIT_DAYS.pick(rng);
    if (deceased) {
      this.fields();
      this.row(rng, residentId, day, 'door', 'deceased');
      return;
    }
    this.fields().placeText = AWAY_PLACES.pick(rng);
    this.row(rng, residentId, day, this.channel(rng, 0.6, 0.3), 'moved-out');
  }

  /** An open resident: the last visit says why they are not done; sometimes an earlier one too. */
  open(rng: Random, residentId: number, kind: number, ageGroup: number, site: string): void {
    let day = VISIT_DAYS.pick(rng);
    if (kind !== OPEN_AWAY && kind !== OPEN_BOOKED && kind !== OPEN_REFUSED && kind !== OPEN_NOT_FOUND) {
      // A claim to check, or a deferral that has run out: both need a few days behind them.
      if (day > TODAY_DAY - 3) day = TODAY_DAY - 3 - rng.int(0, 6);
    }
    if (kind !== OPEN_NOT_FOUND && rng.chance(0.25)) {
      const earlier = day - rng.int(1, 6);
      if (earlier >= DRIVE_START_DAY) this.notFound(rng, residentId, earlier);
    }
    switch (kind) {
      case OPEN_BOOKED: {
        // Mostly booked for the coming days; some missed a day already past.
        const bookedDay = rng.chance(0.8)
          ? Math.max(day + rng.int(1, 4), TODAY_DAY + rng.int(1, 4))
          : day + rng.int(1, 3);
        this.booked(rng, residentId, day, this.channel(rng, 0.7, 0.2), bookedDay, site);
        return;
      }
      case OPEN_AWAY: {
        const f = this.fields();
        f.placeText = AWAY_PLACES.pick(rng);
        f.until = rng.pick(AWAY_UNTIL);
        f.followUp = f.until;
        this.row(rng, residentId, day, this.channel(rng, 0.15, 0.55), 'away');
        return;
      }
      case OPEN_REFUSED:
        this.refused(rng, residentId, day, this.channel(rng, 0.85, 0.1), ageGroup);
        return;
      case OPEN_NOT_FOUND:
        this.notFound(rng, residentId, day);
        return;
      case OPEN_CLAIMED_ELSEWHERE: {
        const f = this.fields();
        f.placeText = AWAY_PLACES.pick(rng);
        f.verified = 0;
        f.followUp = day + 3;
        this.row(rng, residentId, day, this.channel(rng, 0.4, 0.4), 'vaccinated-elsewhere');
        return;
      }
      default: {
        // A temporary contraindication whose date has come: due again tonight.
        const [code, note] = TEMPORARY.pick(rng);
        const f = this.fields();
        f.until = rng.int(day + 2, TODAY_DAY);
        f.followUp = f.until;
        f.contraindication = code;
        f.reason = note;
        this.row(rng, residentId, day, 'site', 'contraindicated-temporary');
      }
    }
  }
}
