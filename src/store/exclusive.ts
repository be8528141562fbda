/**
 * A one-at-a-time lane for async work. On SQLite the bulk loader and the group-commit writer
 * share one connection; if a single write began while an import's transaction was open, it
 * would fail ("cannot start a transaction within a transaction"). Through this lane it waits
 * for the import to commit instead.
 */
export function exclusive(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
