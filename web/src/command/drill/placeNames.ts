/**
 * The names of units seen so far, so a breadcrumb walks county → township → village → grid in
 * words without asking the server again: every progress answer teaches the names of a unit and
 * its units. A page opened from a link (no walk before it) asks /places for what it lacks.
 */
const names = new Map<string, string>();

export function learnNames(
  units: readonly { code: string; shortName: string; children?: readonly unknown[] }[],
): void {
  for (const u of units) {
    names.set(u.code, u.shortName);
    if (u.children) learnNames(u.children as typeof units);
  }
}

export function knownName(code: string): string | undefined {
  return names.get(code);
}
