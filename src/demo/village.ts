/**
 * One village at a time: its people, households, doses and visits, made in reused scratch
 * arrays and written straight into the row buffers. A village is at most a few thousand
 * people, so the county is never held in memory at once.
 */
import { RURAL_AGES, URBAN_AGES } from './agePyramid.js';
import { ELSEWHERE_SITES, type DoseWriter, type Site } from './doses.js';
import { VillageFolk } from './households.js';
import {
  drawPhone,
  type IdNumbers,
  phoneChance,
  STATUS_DECEASED,
  STATUS_NAMES,
  VillagePeople,
} from './people.js';
import type { VillagePlan } from './plan.js';
import { Random } from './random.js';
import type { RowBuffer } from './rows.js';
import {
  ageGroup,
  STATE_DEFERRED,
  STATE_DONE,
  STATE_EXEMPT,
  STATE_GONE,
  STATE_OPEN,
  VillageStates,
} from './states.js';
import { REGISTER_INSTANT, TODAY_DAY, dateOf } from './timeline.js';
import type { VisitWriter } from './visits.js';

export const STREAM_VILLAGE = 1;

/** Housing estates (小区) of the county seat's communities; made-up names. */
const ESTATES =
  '滨江花园 银杏苑 金桂园 春华小区 凤凰城 翠竹苑 莲城佳苑 湘江名邸 天易华府 锦绣家园 梅林小区 荷塘雅居'.split(
    ' ',
  );

export interface VillageContext {
  seed: number;
  countyCode: string;
  countyName: string;
  areaCodes: readonly string[];
  idNumbers: IdNumbers;
  /** The township's sites with their vaccinators, by township code. */
  sites: ReadonlyMap<string, readonly Site[]>;
  households: RowBuffer;
  residents: RowBuffer;
  visits: VisitWriter;
  visitRows: RowBuffer;
  doses: DoseWriter;
  doseRows: RowBuffer;
  /** The id the next resident gets (1, 2, … across the county). */
  nextResidentId: number;
}

export interface VillageCounts {
  households: number;
  eligible: number;
  done: number;
}

export class VillageGenerator {
  private readonly folk = new VillageFolk();
  private readonly people = new VillagePeople();
  private readonly states = new VillageStates();
  private hhIds: string[] = [];
  private hhRemote = new Uint8Array(0);
  private hhGrid: string[] = [];

  async run(v: VillagePlan, grids: readonly string[], ctx: VillageContext): Promise<VillageCounts> {
    const rng = Random.stream(ctx.seed, STREAM_VILLAGE, v.index);
    const { folk, people, states } = this;
    folk.build(rng, v.size, v.community ? URBAN_AGES : RURAL_AGES);
    people.assign(rng, folk);
    states.plan(rng, v, folk, people);
    await this.writeHouseholds(rng, v, grids, ctx);

    const sites = ctx.sites.get(v.township.code) ?? [];
    const county = ctx.countyCode;
    for (let i = 0; i < folk.people; i++) {
      const id = ctx.nextResidentId++;
      const age = folk.age[i] as number;
      const male = folk.male[i] === 1;
      const hh = folk.household[i] as number;
      const birthDay = people.birthDay[i] as number;
      const birthDate = dateOf(birthDay);
      const area = people.area[i] as number;
      const status = people.status[i] as number;
      const r = ctx.residents.next();
      r[0] = county;
      r[1] = id;
      r[2] = ctx.idNumbers.next(area, birthDay, birthDate, male);
      r[3] = people.names[i];
      r[4] = male ? 'M' : 'F';
      r[5] = birthDate;
      r[6] = rng.chance(phoneChance(age)) ? drawPhone(rng) : null;
      r[7] = this.hhIds[hh];
      r[8] = this.hhGrid[hh];
      r[9] = ctx.areaCodes[area];
      r[10] = people.limited[i];
      r[11] = this.hhRemote[hh];
      r[12] = STATUS_NAMES[status];
      r[13] = REGISTER_INSTANT;
      r[14] = REGISTER_INSTANT;
      if (ctx.residents.full) await ctx.residents.flush();

      const state = states.state[i];
      if (state === undefined || state < STATE_GONE) continue;
      const site = sites.length === 1 || (v.community && rng.chance(0.7)) ? sites[0] : rng.pick(sites);
      if (site === undefined) continue;
      switch (state) {
        case STATE_GONE:
          ctx.visits.gone(rng, id, status === STATUS_DECEASED);
          break;
        case STATE_DONE: {
          // Some 18-year-olds were 17 in the spring, when only adults were vaccinated.
          const minor = age < 19;
          const product = ctx.doses.product(rng, minor);
          const elsewhere = !minor && rng.chance(0.03) ? rng.int(0, ELSEWHERE_SITES.length - 1) : -1;
          let day = ctx.doses.firstDoseDay(rng, minor, v.preDriveShare);
          if (elsewhere >= 0 && day > TODAY_DAY - 2) day = TODAY_DAY - 2 - rng.int(0, 10);
          ctx.doses.write(rng, id, product, day, site, elsewhere);
          if (elsewhere >= 0) ctx.visits.verifiedElsewhere(rng, id, day, elsewhere, product);
          else ctx.visits.beforeDose(rng, id, day, site.name, ageGroup(age));
          break;
        }
        case STATE_EXEMPT:
          ctx.visits.exempt(rng, id);
          break;
        case STATE_DEFERRED:
          ctx.visits.deferred(rng, id, states.pregnant[i] === 1);
          break;
        case STATE_OPEN:
          ctx.visits.open(rng, id, states.openKind[i] as number, ageGroup(age), site.name);
          break;
        default:
          break; // unscreened: nobody has asked yet
      }
      if (ctx.visitRows.full) await ctx.visitRows.flush();
      if (ctx.doseRows.full) await ctx.doseRows.flush();
    }
    return { households: folk.households, eligible: states.eligible, done: states.done };
  }

  /** Households in grid order: grid k holds the k-th slice of the village's households. */
  private async writeHouseholds(
    rng: Random,
    v: VillagePlan,
    grids: readonly string[],
    ctx: VillageContext,
  ): Promise<void> {
    const { folk, people } = this;
    const H = folk.households;
    if (this.hhRemote.length < H) this.hhRemote = new Uint8Array(Math.max(H, this.hhRemote.length * 2));
    const prefix = `${ctx.countyName}${v.township.name}${v.name}`;
    let gridIndex = -1;
    let seqInGrid = 0;
    let group = 0;
    let houseNo = 0;
    for (let h = 0; h < H; h++) {
      const g = Math.floor((h * grids.length) / H);
      if (g !== gridIndex) {
        gridIndex = g;
        seqInGrid = 0;
      }
      seqInGrid++;
      if (seqInGrid > 9999) throw new RangeError(`more than 9999 households in grid ${grids[g] as string}`);
      const grp = Math.floor((h * v.groups) / H) + 1;
      if (grp !== group) {
        group = grp;
        houseNo = 0;
      }
      houseNo += rng.int(1, 3);
      const grid = grids[g] as string;
      const id = grid + String(seqInGrid).padStart(4, '0');
      this.hhIds[h] = id;
      this.hhGrid[h] = grid;
      this.hhRemote[h] = rng.chance(v.remoteShare) ? 1 : 0;
      let address: string;
      if (v.community) {
        const estate = ESTATES[(v.index * 7 + grp) % ESTATES.length] as string;
        const floor = Math.floor(houseNo / 4) + 1;
        address = `${prefix}${estate}${(grp % 9) + 1}栋${floor}0${(houseNo % 4) + 1}室`;
      } else {
        address = `${prefix}${grp}组${houseNo}号`;
      }
      const r = ctx.households.next();
      r[0] = ctx.countyCode;
      r[1] = id;
      r[2] = grid;
      r[3] = address;
      r[4] = people.names[folk.head[h] as number];
      if (ctx.households.full) await ctx.households.flush();
    }
  }
}
