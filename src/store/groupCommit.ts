import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { DialectName } from './dialect.js';
import { lockChangeLog } from './syncQueries.js';

interface Job {
  fn: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: writes that arrive while a transaction is running wait, then run together in
 * the next one, each inside its own savepoint. A commit costs one fsync however many writes it
 * carries (the durability promised to a grid member's record is paid once per batch, not once
 * per record), while each write still succeeds or fails alone and none is acknowledged before
 * its commit.
 */
export function groupCommit(
  db: Kysely<Database>,
  dialect: DialectName,
  maxBatch = 200,
  lane: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): <T>(fn: (trx: Transaction<Database>) => Promise<T>) => Promise<T> {
  const queue: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const trx = await db.startTransaction().execute();
    try {
      // Change-log numbers must become visible in order, or a phone's cursor could skip one.
      await lockChangeLog(trx, dialect);
      if (batch.length === 1) {
        // A lone write needs no savepoint: if it fails, the whole transaction rolls back.
        outcomes.push({ ok: true, value: await (batch[0] as Job).fn(trx) });
      } else {
        for (let i = 0; i < batch.length; i++) {
          const job = batch[i] as Job;
          const name = `w${i}`;
          const sp = await trx.savepoint(name).execute();
          try {
            const value = await job.fn(sp);
            await sp.releaseSavepoint(name).execute();
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sp.rollbackToSavepoint(name).execute();
            outcomes.push({ ok: false, error });
          }
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i];
      if (o?.ok) job.resolve(o.value);
      else job.reject(o?.error);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        await lane(() => runBatch(batch));
      }
    } finally {
      draining = false;
    }
  }

  return <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      // Start on the next turn of the event loop, not now: with an embedded database every
      // query resolves at once, so a batch started now would hold only this write while the
      // requests that arrived with it wait behind its fsync.
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
}
