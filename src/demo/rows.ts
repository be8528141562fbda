/**
 * Row buffers between the generators and the bulk sink. Rows are arrays in column order, as
 * BulkSink takes them; a buffer hands out the same arrays again after each flush, so a county
 * of 2.5 million rows allocates a few thousand row arrays, not millions.
 *
 * A buffer can name another that must be flushed first: visits and doses reference residents
 * (a foreign key SQLite checks at once), so a visit chunk never reaches the database before the
 * residents it points at.
 */
import type { BulkSink } from '../store/bulk.js';
import type { Database } from '../store/schema.js';

export const CHUNK = 5000;

export const PLACE_COLUMNS = ['code', 'level', 'name', 'short_name', 'parent_code', 'county_code'] as const;

export const HOUSEHOLD_COLUMNS = ['county_code', 'id', 'grid_code', 'address', 'head_name'] as const;

export const RESIDENT_COLUMNS = [
  'county_code',
  'id',
  'id_number',
  'name',
  'sex',
  'birth_date',
  'phone',
  'household_id',
  'grid_code',
  'registered_area_code',
  'limited_mobility',
  'remote',
  'status',
  'created_at',
  'updated_at',
] as const;

export const VISIT_COLUMNS = [
  'county_code',
  'id',
  'resident_id',
  'at',
  'channel',
  'outcome',
  'health_code',
  'follow_up_date',
  'until_date',
  'booked_date',
  'site',
  'place_text',
  'reason',
  'verified',
  'product',
  'contraindication',
  'details',
  'recorded_by',
  'device_id',
  'received_at',
] as const;

export const DOSE_COLUMNS = [
  'county_code',
  'id',
  'resident_id',
  'product',
  'lot',
  'dose_number',
  'at',
  'site',
  'vaccinator',
  'source',
  'recorded_by',
  'device_id',
  'received_at',
] as const;

export const TASK_COLUMNS = ['campaign_id', 'place_code', 'count', 'set_at'] as const;

export class RowBuffer {
  private readonly rows: unknown[][] = [];
  private n = 0;
  /** Rows handed to the sink so far. */
  written = 0;

  constructor(
    private readonly sink: BulkSink,
    private readonly table: keyof Database,
    private readonly columns: readonly string[],
    private readonly before?: RowBuffer,
  ) {}

  /** The next row to fill, in column order; every column must be assigned. */
  next(): unknown[] {
    let row = this.rows[this.n];
    if (row === undefined) {
      row = new Array<unknown>(this.columns.length);
      this.rows.push(row);
    }
    this.n++;
    return row;
  }

  /** Adds a row given whole (for the few-thousand-row tables; hot paths fill `next()`). */
  add(values: readonly unknown[]): void {
    const row = this.next();
    for (let i = 0; i < values.length; i++) row[i] = values[i];
  }

  get full(): boolean {
    return this.n >= CHUNK;
  }

  async flush(): Promise<void> {
    if (this.before) await this.before.flush();
    if (this.n === 0) return;
    const rows = this.n === this.rows.length ? this.rows : this.rows.slice(0, this.n);
    const n = this.n;
    this.n = 0;
    await this.sink.insert(this.table, this.columns, rows);
    this.written += n;
  }

  /** Flushes when a chunk is full; call between rows. */
  async maybeFlush(): Promise<void> {
    if (this.n >= CHUNK) await this.flush();
  }
}
