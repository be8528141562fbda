import BetterSqlite3 from 'better-sqlite3';

export interface StoredCounts {
  doses: number;
  visits: number;
}

/** Doses and visits in the database (read-only; with the server stopped, so all is checkpointed). */
export function storedCounts(dbPath: string): StoredCounts {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return {
      doses: db.prepare('SELECT count(*) FROM dose_records').pluck().get() as number,
      visits: db.prepare('SELECT count(*) FROM screening_visits').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/**
 * Every acknowledged write is stored: the load waits for the answers in flight, so the doses
 * stored are exactly the 201s, and the visits the items answered `stored`, give or take the
 * requests that got no answer (a client timeout: the server may still have stored them).
 */
export function checkStored(
  before: StoredCounts,
  after: StoredCounts,
  acked: { doses: number; visits: number },
  unanswered: { doses: number },
): { doses: number; visits: number; ok: boolean; problem?: string } {
  const doses = after.doses - before.doses;
  const visits = after.visits - before.visits;
  const problems = [
    doses < acked.doses || doses > acked.doses + unanswered.doses
      ? `${doses} doses stored, ${acked.doses} acknowledged`
      : '',
    visits < acked.visits ? `${visits} visits stored, ${acked.visits} acknowledged` : '',
  ].filter(Boolean);
  return {
    doses,
    visits,
    ok: problems.length === 0,
    ...(problems.length ? { problem: problems.join('; ') } : {}),
  };
}
