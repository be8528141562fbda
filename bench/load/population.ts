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

/** Who the load touches: one grid per client, and each township's residents still to dose. */
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
 * with no dose yet, and picks `clients` grids: the ones with the most residents still to see,
 * taken from each township in turn so the load lands across the county as it does on the
 * evening. Residents of those grids are visited (sync); everyone else without a dose is a
 * site's to dose, so a visit never races a dose for the same resident.
 */
export function readPopulation(dbPath: string, clients: number, random: Random): Population {
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

  const byGrid = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.preferred !== 1) continue;
    const list = byGrid.get(r.grid);
    if (list) list.push(r);
    else byGrid.set(r.grid, [r]);
  }
  const gridsByTownship = new Map<string, string[]>();
  const left = (grid: string): number => byGrid.get(grid)?.length ?? 0;
  for (const grid of [...byGrid.keys()].sort((a, b) => left(b) - left(a))) {
    const township = grid.slice(0, 9);
    gridsByTownship.set(township, [...(gridsByTownship.get(township) ?? []), grid]);
  }
  const townships = [...gridsByTownship.keys()].sort();
  const chosen: string[] = [];
  for (let round = 0; chosen.length < clients; round++) {
    const before = chosen.length;
    for (const t of townships) {
      const g = gridsByTownship.get(t)?.[round];
      if (g && chosen.length < clients) chosen.push(g);
    }
    if (chosen.length === before) break; // fewer grids with work left than clients
  }
  const visited = new Set(chosen);
  const grids = chosen.map((code) => ({
    code,
    township: code.slice(0, 9),
    toVisit: shuffled(
      (byGrid.get(code) ?? []).map((r) => ({ county: r.county, id: r.id })),
      random,
    ),
  }));

  const preferred = new Map<string, string[]>();
  const rest = new Map<string, string[]>();
  for (const r of rows) {
    if (visited.has(r.grid)) continue;
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
