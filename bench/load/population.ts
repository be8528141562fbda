import BetterSqlite3 from 'better-sqlite3';
import { shuffled, type Random } from './random.js';

/** A resident as a grid member's phone names it: the worklist's key, never the full ID number. */
export interface ResidentKey {
  county: string;
  id: number;
}

export interface LoadGrid {
  code: string;
  township: string;
  /** Residents of the grid a grid member still has to see (open or unscreened, no dose). */
  toVisit: ResidentKey[];
}

/** Who the load touches: the grids with residents to visit, and each township's to dose. */
export interface Population {
  grids: LoadGrid[];
  /** ID numbers per township, open/unscreened first: what its site doses, one per request. */
  toDose: Map<string, string[]>;
  townships: string[];
}

interface Row {
  county: string;
  id: number;
  idNumber: string;
  grid: string;
  preferred: number;
}

/**
 * Reads, from the demo database (read-only, before the server opens it), the active residents
 * with no dose yet. The open and unscreened ones are split in two by their id's parity: the
 * even half are the grid members' to visit (sync), the odd half (and, after them, anyone else
 * without a dose) the sites' to dose, so a visit never races a dose for the same resident.
 * Every grid with residents to visit is in the load, in an order that takes each township in
 * turn, so the visits spread over the whole county: a soak at a thousand visits a second sees
 * each resident a few times, not hundreds (the reads of a resident's visits grow with them).
 */
export function readPopulation(dbPath: string, random: Random): Population {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  let rows: Row[];
  try {
    rows = db
      .prepare(
        `SELECT r.county_code AS county, r.id AS id, r.id_number AS idNumber, r.grid_code AS grid,
                coalesce(cr.status IN ('open', 'unscreened'), 0) AS preferred
           FROM residents r
           LEFT JOIN campaign_residents cr
             ON cr.campaign_id = 1 AND cr.county_code = r.county_code AND cr.resident_id = r.id
          WHERE r.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM dose_records d
                             WHERE d.county_code = r.county_code AND d.resident_id = r.id)`,
      )
      .all() as Row[];
  } finally {
    db.close();
  }
  const toVisit = (r: Row): boolean => r.preferred === 1 && r.id % 2 === 0;

  const byGrid = new Map<string, ResidentKey[]>();
  for (const r of rows) {
    if (!toVisit(r)) continue;
    const list = byGrid.get(r.grid);
    if (list) list.push({ county: r.county, id: r.id });
    else byGrid.set(r.grid, [{ county: r.county, id: r.id }]);
  }
  const gridsByTownship = new Map<string, string[]>();
  const left = (grid: string): number => byGrid.get(grid)?.length ?? 0;
  for (const grid of [...byGrid.keys()].sort((a, b) => left(b) - left(a))) {
    const township = grid.slice(0, 9);
    gridsByTownship.set(township, [...(gridsByTownship.get(township) ?? []), grid]);
  }
  // Round robin over the townships, busiest grids first: client i takes grids i, i + C, …,
  // so any number of clients starts spread over the county.
  const ordered: string[] = [];
  const lists = [...gridsByTownship.keys()].sort().map((t) => gridsByTownship.get(t) ?? []);
  for (let round = 0; ordered.length < byGrid.size; round++) {
    for (const list of lists) if (list[round]) ordered.push(list[round] as string);
  }
  const grids = ordered.map((code) => ({
    code,
    township: code.slice(0, 9),
    toVisit: shuffled(byGrid.get(code) ?? [], random),
  }));

  const preferred = new Map<string, string[]>();
  const rest = new Map<string, string[]>();
  for (const r of rows) {
    if (toVisit(r)) continue;
    const into = r.preferred === 1 ? preferred : rest;
    const township = r.grid.slice(0, 9);
    const list = into.get(township);
    if (list) list.push(r.idNumber);
    else into.set(township, [r.idNumber]);
  }
  const toDose = new Map<string, string[]>();
  for (const t of new Set([...preferred.keys(), ...rest.keys()])) {
    toDose.set(t, [...shuffled(preferred.get(t) ?? [], random), ...shuffled(rest.get(t) ?? [], random)]);
  }
  return { grids, toDose, townships: [...toDose.keys()].sort() };
}
