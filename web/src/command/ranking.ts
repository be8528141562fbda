/**
 * The ranking the command room reads (排名): units by completion, best first, ties sharing a
 * rank as the daily report ranks them (1, 2, 2, 4); units without a task cannot be ranked and
 * come last, without a rank.
 */
export interface Rankable {
  code: string;
  completion: number | null;
}

export type Ranked<T> = T & { rank: number | null };

export function rankByCompletion<T extends Rankable>(units: readonly T[]): Ranked<T>[] {
  const sorted = [...units].sort((a, b) => {
    if (a.completion === null || b.completion === null) {
      if (a.completion === b.completion) return a.code < b.code ? -1 : 1;
      return a.completion === null ? 1 : -1;
    }
    return b.completion - a.completion || (a.code < b.code ? -1 : 1);
  });
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((u, i) => {
    if (u.completion === null) return { ...u, rank: null };
    if (u.completion !== previous) rank = i + 1;
    previous = u.completion;
    return { ...u, rank };
  });
}
