/**
 * Forming households (户) from a register. A file says who lives together in one of three
 * ways, tried in this order: a 户号 (household number) column; a 户主/户主姓名 column naming
 * the head, together with the address; or a 与户主关系 column where the head's row (户主/本人)
 * starts a household and the rows below it (配偶, 子, 女 …) belong to it. Failing all three, an
 * address alone groups the people living there. Households never cross grids: a household's
 * id is its grid's code plus four digits.
 *
 * Re-importing must not make households twice, and the household numbers of another system
 * are not kept, so a file household is matched to a stored one through its members: the
 * household an already-registered member belongs to (in the same grid) is the household, or
 * else a stored one of the grid with the same head and address. Only then is one created.
 */
import type { Kysely } from 'kysely';
import { businessRule } from '../../domain/errors.js';
import { householdsOfGridCode, type GridHousehold } from '../../store/importQueries.js';
import type { Database } from '../../store/schema.js';
import { ownString } from './ownString.js';
import type { CheckedRow } from './rowCheck.js';

export const HOUSEHOLD_COLUMNS = ['county_code', 'id', 'grid_code', 'address', 'head_name'] as const;

interface GridState {
  byId: Map<string, GridHousehold>;
  bySignature: Map<string, string>;
  next: number;
  /** The file's households in this grid, by key. */
  files: Map<string, FileHousehold>;
}

interface FileHousehold {
  id: string;
  address: string;
  head: string | null;
  /** Written already (a later change must be an update, not a new row). */
  written: boolean;
  /** The new row, while it waits to be written. */
  row?: unknown[];
}

export interface ResolvedHousehold {
  id: string;
  /** The stored address before this import, when the household existed; for "what changed". */
  addressBefore?: string;
}

const signature = (head: string | null, address: string) => `${head ?? ''}\u0001${address}`;

export class HouseholdPlanner {
  private readonly grids = new Map<string, GridState>();
  /** Stored households already taken by a file household: one file household each. */
  private readonly claimed = new Set<string>();
  private lastHead: { sheet: number; grid: string; key: string } | undefined;
  private pendingNew: FileHousehold[] = [];
  private pendingUpdates = new Map<string, unknown[]>();
  private createdCount = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly county: string,
  ) {}

  get created(): number {
    return this.createdCount;
  }

  /**
   * The file household a row belongs to within its grid, or undefined when the file does not
   * say. Call in file order: a member row belongs to the head above it.
   */
  keyOf(row: CheckedRow, sheet: number): string | undefined {
    if (row.householdNo !== null) return row.householdNo;
    if (row.headName !== null) return `\u0001h${signature(row.headName, row.address ?? '')}`;
    if (row.isHead === true) {
      const key = `\u0001h${signature(row.name, row.address ?? '')}`;
      this.lastHead = { sheet, grid: row.grid, key };
      return key;
    }
    if (row.isHead === false && this.lastHead?.sheet === sheet && this.lastHead.grid === row.grid)
      return this.lastHead.key;
    if (row.address !== null) return `\u0001a${row.address}`;
    return undefined;
  }

  /** Loads the stored households of these grids (once each), before `resolve` is called for them. */
  async prepare(grids: Iterable<string>): Promise<void> {
    for (const grid of grids) {
      if (this.grids.has(grid)) continue;
      const stored = await householdsOfGridCode(this.db, this.county, grid);
      const state: GridState = { byId: new Map(), bySignature: new Map(), next: 1, files: new Map() };
      for (const h of stored) {
        state.byId.set(h.id, h);
        if (h.address !== '') state.bySignature.set(signature(h.head_name, h.address), h.id);
        const n = Number(h.id.slice(grid.length));
        if (Number.isInteger(n) && n >= state.next) state.next = n + 1;
      }
      this.grids.set(grid, state);
    }
  }

  /**
   * The household of a row with a household key; `current` is the household the resident is
   * registered in already, if any.
   */
  resolve(key: string, row: CheckedRow, current: string | null): ResolvedHousehold {
    const state = this.grids.get(row.grid);
    if (!state) throw new Error(`households of grid ${row.grid} were not prepared`);
    const given = row.headName ?? (row.isHead === true ? row.name : null);
    const known = state.files.get(key);
    if (known) {
      // A later row may say what the first did not: the head's name, the address.
      if ((known.address === '' && row.address !== null) || (known.head === null && given !== null)) {
        if (known.address === '' && row.address !== null) known.address = ownString(row.address);
        if (known.head === null && given !== null) known.head = ownString(given);
        this.changed(known);
      }
      const stored = known.written ? state.byId.get(known.id) : undefined;
      return stored ? { id: known.id, addressBefore: stored.address } : { id: known.id };
    }

    // Kept for the whole import: copies, not views into the file's text (see ownString).
    const head = given === null ? null : ownString(given);
    const address = row.address === null ? null : ownString(row.address);
    let id: string | undefined;
    if (current !== null && state.byId.has(current) && !this.claimed.has(current)) {
      id = current;
    } else if (address !== null && state.bySignature.size > 0) {
      const match = state.bySignature.get(signature(head, address));
      if (match !== undefined && !this.claimed.has(match)) id = match;
    }
    if (id !== undefined) {
      const stored = state.byId.get(id) as GridHousehold;
      const fh: FileHousehold = {
        id,
        address: address ?? stored.address,
        head: head ?? stored.head_name,
        written: true,
      };
      this.claimed.add(id);
      state.files.set(key, fh);
      if (fh.address !== stored.address || fh.head !== stored.head_name) this.changed(fh);
      return { id, addressBefore: stored.address };
    }

    if (state.next > 9999) {
      throw businessRule({
        code: 'import.households-full',
        message: {
          zh: `网格 ${row.grid} 的户号已用完（9999 户）`,
          en: `grid ${row.grid} has used all 9,999 household numbers`,
        },
      });
    }
    id = row.grid + String(state.next++).padStart(4, '0');
    const fh: FileHousehold = { id, address: address ?? '', head, written: false };
    fh.row = [this.county, id, row.grid, fh.address, head];
    this.pendingNew.push(fh);
    state.files.set(key, fh);
    this.createdCount++;
    return { id };
  }

  private changed(fh: FileHousehold): void {
    if (fh.written) this.pendingUpdates.set(fh.id, [this.county, fh.id, fh.address, fh.head]);
    else if (fh.row) {
      fh.row[3] = fh.address;
      fh.row[4] = fh.head;
    }
  }

  /** New household rows (HOUSEHOLD_COLUMNS) to write now; afterwards they count as written. */
  takeNew(): unknown[][] {
    const rows = this.pendingNew.map((fh) => {
      fh.written = true;
      const row = fh.row as unknown[];
      delete fh.row;
      return row;
    });
    this.pendingNew = [];
    return rows;
  }

  /** Updates of stored households: [county_code, id, address, head_name]. */
  takeUpdates(): unknown[][] {
    const rows = [...this.pendingUpdates.values()];
    this.pendingUpdates.clear();
    return rows;
  }
}
