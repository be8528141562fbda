import { useCallback, useState } from 'react';

/**
 * A write a page sends: busy while it runs (the button shows it and cannot be pressed twice),
 * and the refusal kept for an ErrorAlert until the next try. Resolves to undefined on a refusal.
 */
export function useSubmit<A extends unknown[], R>(send: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await send(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const clear = useCallback(() => setError(undefined), []);
  return { run, busy, error, clear };
}
