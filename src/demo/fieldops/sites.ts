/**
 * The demo's sites on the evening of 9 August 2021: every township's health centre (易俗河镇's
 * two sites) open 08:00–17:30 — the extended hours of the drive — with a daily capacity read
 * from what it actually did that day, a temporary point opening in 锦石乡
 * on the 10th, 锦石乡's villages booked into both for the week of 9–15 August (按村组排班), the
 * 9th's stock received and given at each health centre matching its dose records lot by lot,
 * and the 9th's comfort and supply checklist (锦石乡's and 谭家山镇's as the report describes them).
 *
 * Everything goes through the app's own use cases, so the demo's data obeys the same rules as
 * anybody's. Deterministic: every figure comes from codes and from the demo's records.
 */
import { bookSite } from '../../app/sites/bookings.js';
import { checkSite } from '../../app/sites/checklist.js';
import { createSite } from '../../app/sites/sites.js';
import { recordStock } from '../../app/sites/stock.js';
import { addDays } from '../../domain/calendar.js';
import { shortPlaceName } from '../../domain/places.js';
import type { BookingEntry } from '../../domain/sitesBookings.js';
import type { CheckInput } from '../../domain/sitesChecklist.js';
import type { MovementInput } from '../../domain/sitesStock.js';
import { bookedByVillageDay, doneByVillageDay, villagesOf } from '../../store/fieldops/siteQueries.js';
import { codeRange } from '../../store/codeRange.js';
import type { Store } from '../../store/openStore.js';
import { DEMO_COUNTY } from '../buildDemo.js';
import { JINSHI_TOWNSHIP, YISUHE_TOWNSHIP } from '../plan.js';
import { TODAY } from '../timeline.js';

const WEEK_END = addDays(TODAY, 6);
const TANJIASHAN_TOWNSHIP = '430321102'; // 谭家山镇
/** 锦石村: the temporary point stands at its village office, for it and its two neighbours. */
const JINSHI_VILLAGE = '430321205206';
const POINT_VILLAGES = 3;
const BY = '演示数据 demo';

/** As the demo's dose records name the sites (src/demo/plan.ts): each township's health centre. */
function siteNames(code: string, name: string): string[] {
  if (code === YISUHE_TOWNSHIP) return ['易俗河镇社区卫生服务中心', '湘潭县人民医院'];
  return [`${name}卫生院`];
}

const roundUp = (n: number, step: number): number => Math.ceil(n / step) * step;

/** Today's doses at each site by product and lot: what the stock has to show as given. */
async function dosesToday(store: Store): Promise<Map<string, { product: string; lot: string; n: number }[]>> {
  const rows = await store.db
    .selectFrom('dose_records')
    .select(['site', 'product', 'lot', (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_code', '=', DEMO_COUNTY)
    .where('at', '>=', `${TODAY}T00:00:00.000Z`)
    .where('at', '<', `${addDays(TODAY, 1)}T00:00:00.000Z`)
    .where('source', '=', 'given')
    .groupBy(['site', 'product', 'lot'])
    .orderBy('site')
    .orderBy('product')
    .orderBy('lot')
    .execute();
  const out = new Map<string, { product: string; lot: string; n: number }[]>();
  for (const r of rows) {
    if (r.site === null || r.lot === null) continue;
    out.set(r.site, [...(out.get(r.site) ?? []), { product: r.product, lot: r.lot, n: Number(r.n) }]);
  }
  return out;
}

/**
 * Received in the morning: the day's use and a reserve for tomorrow's first hours, in cold boxes
 * of 20 vials; one vial of the busiest lot at 锦石乡卫生院 dropped and wasted.
 */
function stockMovements(lots: readonly { product: string; lot: string; n: number }[], wasteOne: boolean) {
  const movements: MovementInput[] = [];
  const busiest = lots.reduce<{ lot: string; n: number } | undefined>(
    (b, l) => (b && b.n >= l.n ? b : l),
    undefined,
  );
  for (const l of lots) {
    const wasted = wasteOne && l.lot === busiest?.lot ? 1 : 0;
    movements.push({
      product: l.product,
      lot: l.lot,
      kind: 'received',
      vials: roundUp(l.n + wasted + 5, 20),
    });
    movements.push({ product: l.product, lot: l.lot, kind: 'given', doses: l.n });
    if (wasted)
      movements.push({ product: l.product, lot: l.lot, kind: 'wasted', doses: 1, note: '搬运中摔碎一支' });
  }
  return movements;
}

/** The 9th's checklist: 锦石乡 and 谭家山镇 as the report has them; elsewhere mostly in order. */
function checklist(township: string): CheckInput[] {
  const all = (notes: Partial<Record<string, string>> = {}): CheckInput[] =>
    [
      'shade',
      'cooling',
      'drinking-water',
      'heatstroke-remedies',
      'one-metre-line',
      'blood-pressure-cuff',
      'doctor-on-duty',
    ].map((item) => ({ item, ok: true, note: notes[item] ?? null }));
  if (township === JINSHI_TOWNSHIP) {
    return all({
      shade: '排队区50米长遮阳棚',
      cooling: '5台冷风机',
      'drinking-water': '矿泉水、凉茶、面包',
      'heatstroke-remedies': '藿香正气水',
    });
  }
  if (township === TANJIASHAN_TOWNSHIP) {
    return all({
      shade: '卫生院外搭建多个凉棚',
      cooling: '室内空调，室外风扇',
      'drinking-water': '防疫中药凉茶',
      'one-metre-line': '专人驻守，设置一米线',
      'blood-pressure-cuff': '血压计、心电图测量仪',
    });
  }
  // A few health centres short of something that evening, as some always are.
  const items = all();
  switch (Number(township.slice(-3)) % 6) {
    case 1:
      return items.map((c) =>
        c.item === 'heatstroke-remedies' ? { ...c, ok: false, note: '藿香正气水用完，明早补' } : c,
      );
    case 3:
      return items.map((c) =>
        c.item === 'cooling' ? { ...c, ok: false, note: '只有2台风扇，排队区无降温' } : c,
      );
    case 5:
      return items.filter((c) => c.item !== 'one-metre-line');
    default:
      return items;
  }
}

/** 锦石乡's week: each open village's rest spread over the week, never below its residents booked. */
async function jinshiWeek(
  store: Store,
  campaignId: number,
): Promise<{ centre: BookingEntry[]; point: BookingEntry[] }> {
  const villages = await villagesOf(store.db, JINSHI_TOWNSHIP);
  const jinshi = codeRange(JINSHI_TOWNSHIP);
  const [tasks, counts, booked, doneToday] = await Promise.all([
    store.db
      .selectFrom('task_allocations')
      .select(['place_code', 'count'])
      .where('campaign_id', '=', campaignId)
      .where(
        'place_code',
        'in',
        villages.map((v) => v.code),
      )
      .execute(),
    store.db
      .selectFrom('campaign_grid_counts')
      .select(['grid_code', 'done'])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', jinshi.low)
      .where('grid_code', '<', jinshi.high)
      .execute(),
    bookedByVillageDay(store.db, campaignId, JINSHI_TOWNSHIP, TODAY, WEEK_END),
    doneByVillageDay(store.db, campaignId, JINSHI_TOWNSHIP, TODAY, TODAY),
  ]);
  const task = new Map(tasks.map((t) => [t.place_code, Number(t.count)]));
  const done = new Map<string, number>();
  for (const c of counts)
    done.set(c.grid_code.slice(0, 12), (done.get(c.grid_code.slice(0, 12)) ?? 0) + Number(c.done));
  const bookedOn = new Map(booked.map((b) => [`${b.village}|${b.day}`, b.n]));
  const today = new Map(doneToday.map((d) => [d.village, d.n]));
  const at = villages.findIndex((v) => v.code === JINSHI_VILLAGE);
  const pointVillages = new Set(
    villages.slice(Math.max(0, at), Math.max(0, at) + POINT_VILLAGES).map((v) => v.code),
  );

  const centre: BookingEntry[] = [];
  const point: BookingEntry[] = [];
  for (const v of villages) {
    const rest = Math.max(0, (task.get(v.code) ?? 0) - (done.get(v.code) ?? 0));
    const perDay = Math.ceil(rest / 6);
    for (let i = 0; i < 7; i++) {
      const day = addDays(TODAY, i);
      const want = Math.max(
        i === 0 ? (today.get(v.code) ?? 0) : perDay,
        bookedOn.get(`${v.code}|${day}`) ?? 0,
      );
      if (want === 0) continue;
      // The point opens on the 10th; on the 9th everybody went to the health centre.
      const entry = { village: v.code, day, planned: roundUp(want, 5) };
      (i > 0 && pointVillages.has(v.code) ? point : centre).push(entry);
    }
  }
  return { centre, point };
}

/** The most planned on any one day of a batch. */
const peakDay = (entries: readonly BookingEntry[]): number => {
  const byDay = new Map<string, number>();
  for (const e of entries) byDay.set(e.day, (byDay.get(e.day) ?? 0) + e.planned);
  return Math.max(0, ...byDay.values());
};

export async function seedSites(store: Store, campaignId: number): Promise<void> {
  const townships = await store.db
    .selectFrom('places')
    .select(['code', 'name'])
    .where('parent_code', '=', DEMO_COUNTY)
    .where('level', '=', 'township')
    .orderBy('code')
    .execute();
  const [today, week] = await Promise.all([dosesToday(store), jinshiWeek(store, campaignId)]);

  for (const t of townships) {
    for (const name of siteNames(t.code, shortPlaceName(t.name))) {
      // What the site did today, the busiest day of a drive that grew every day, and a fifth more
      // for the queue it could not take; never under 100 a day (two vaccinators' tables), and
      // always room for the week's plan.
      const lots = today.get(name) ?? [];
      const given = lots.reduce((n, l) => n + l.n, 0);
      let capacity = Math.max(100, roundUp(given * 1.2, 50));
      if (t.code === JINSHI_TOWNSHIP) capacity = Math.max(capacity, roundUp(peakDay(week.centre), 50));
      const site = await createSite(store, {
        township: t.code,
        name,
        kind: 'health-centre',
        address: `${t.name}政府驻地`,
        opens: '08:00',
        closes: '17:30',
        dailyCapacity: capacity,
      });
      if (lots.length) {
        await recordStock(store, {
          siteId: site.id,
          day: TODAY,
          by: BY,
          movements: stockMovements(lots, t.code === JINSHI_TOWNSHIP),
        });
      }
      await checkSite(store, { siteId: site.id, day: TODAY, by: BY, items: checklist(t.code) });
      if (t.code === JINSHI_TOWNSHIP && week.centre.length) {
        await bookSite(store, { siteId: site.id, by: BY, bookings: week.centre });
      }
    }
  }

  // 锦石乡's temporary point: set up on the evening of the 9th at 锦石村's office, opening on the
  // 10th for the villages at that end of the township; its cooling fans are still on their way.
  const point = await createSite(store, {
    township: JINSHI_TOWNSHIP,
    name: '锦石乡锦石村临时接种点',
    kind: 'temporary',
    address: '锦石村村部',
    opens: '08:00',
    closes: '17:30',
    dailyCapacity: Math.max(150, roundUp(peakDay(week.point), 50)),
  });
  await checkSite(store, {
    siteId: point.id,
    day: TODAY,
    by: BY,
    items: [
      { item: 'shade', ok: true, note: '村部前坪搭遮阳棚' },
      { item: 'cooling', ok: false, note: '冷风机明早送到' },
      { item: 'drinking-water', ok: true },
      { item: 'heatstroke-remedies', ok: true },
      { item: 'one-metre-line', ok: true },
      { item: 'blood-pressure-cuff', ok: false, note: '向卫生院借一台' },
      { item: 'doctor-on-duty', ok: true, note: '卫生院派驻医生1名' },
    ],
  });
  if (week.point.length) await bookSite(store, { siteId: point.id, by: BY, bookings: week.point });
}
