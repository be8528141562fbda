import { shanghaiDate } from '../../domain/calendar.js';
import { notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { tasksUnder } from '../../store/campaignQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { codeRange } from '../../store/codeRange.js';
import { gridFiguresUnder, placesUnder } from '../../store/progressQueries.js';
import { addTally, unitFigures, zeroTally, type Tally, type UnitProgress } from './unitProgress.js';

/** Code lengths of province, city, county, township, village and grid: each the prefix of the next. */
const LEVEL_LENGTHS = [2, 4, 6, 9, 12, 15];

interface Node {
  code: string;
  level: string;
  name: string;
  shortName: string;
  tally: Tally;
  children: Node[];
}

/**
 * Progress of a unit in a campaign, with its children down to `depth` levels: the sums of the
 * kept per-grid counts, adjusted by the calendar (a deferral whose end has come is open again).
 * A parent's figures are the sums of its children's by construction.
 */
export async function progressOf(
  store: Store,
  campaignId: number,
  placeCode: string,
  depth = 1,
  scope?: Scope,
): Promise<UnitProgress> {
  await requireCampaign(store, campaignId, scope);
  await requirePlace(store, placeCode, scope);
  const today = shanghaiDate(store.now());
  const { low, high } = codeRange(placeCode);
  const [places, figures, tasks] = await Promise.all([
    placesUnder(store, placeCode),
    gridFiguresUnder(store, campaignId, placeCode, today),
    tasksUnder(store, campaignId, low, high),
  ]);
  const root = places[0];
  if (!root || root.code !== placeCode) {
    throw notFound({
      code: 'place.not-found',
      field: 'place',
      message: { zh: `找不到区划或网格 ${placeCode}`, en: `no place with code ${placeCode}` },
    });
  }
  const nodes = new Map<string, Node>();
  for (const p of places) {
    nodes.set(p.code, {
      code: p.code,
      level: p.level,
      name: p.name,
      shortName: p.short_name,
      tally: zeroTally(),
      children: [],
    });
  }
  for (const p of places) {
    if (p.code === placeCode) continue;
    const parentLength = LEVEL_LENGTHS.filter((l) => l < p.code.length).at(-1);
    const parent = parentLength === undefined ? undefined : nodes.get(p.code.slice(0, parentLength));
    parent?.children.push(nodes.get(p.code) as Node);
  }
  for (const g of figures.counts) {
    const due = figures.dueDeferrals.get(g.grid_code) ?? 0;
    const t: Tally = {
      residents: Number(g.residents),
      ineligible: Number(g.ineligible),
      done: Number(g.done),
      exempt: Number(g.exempt),
      deferred: Number(g.deferred) - due,
      open: Number(g.open) + due,
      unscreened: Number(g.unscreened),
      sixtyEligible: Number(g.sixty_eligible),
      sixtyDone: Number(g.sixty_done),
      todayIncrement: figures.increments.get(g.grid_code) ?? 0,
    };
    // Every level from the grid up to the unit asked about gets the grid's figures once.
    for (const len of LEVEL_LENGTHS) {
      if (len < placeCode.length) continue;
      const node = nodes.get(g.grid_code.slice(0, len));
      if (node) addTally(node.tally, t);
    }
  }
  const toProgress = (n: Node, levelsLeft: number): UnitProgress => {
    const childFigures = n.children.map((c) => unitFigures(c.tally, tasks.get(c.code) ?? null));
    const out: UnitProgress = {
      code: n.code,
      level: n.level,
      name: n.name,
      shortName: n.shortName,
      ...unitFigures(n.tally, tasks.get(n.code) ?? null),
      doubleClearedChildren: childFigures.filter((f) => f.doubleCleared && f.eligible > 0).length,
      childUnits: n.children.length,
    };
    if (levelsLeft > 0) out.children = n.children.map((c) => toProgress(c, levelsLeft - 1));
    return out;
  };
  return toProgress(nodes.get(placeCode) as Node, depth);
}
