/**
 * The worklist as doors to knock on: the server's order is kept, and each household's members
 * are gathered at the place of the first of them (its most pressing member), because a grid
 * member at the door sees everyone there whatever their tier.
 */
export interface Door<R extends { householdId: number | string }> {
  householdId: number | string;
  members: R[];
}

export function doorsOf<R extends { householdId: number | string }>(items: readonly R[]): Door<R>[] {
  const doors: Door<R>[] = [];
  const byHousehold = new Map<string, Door<R>>();
  for (const item of items) {
    const key = String(item.householdId);
    const door = byHousehold.get(key);
    if (door) door.members.push(item);
    else {
      const d = { householdId: item.householdId, members: [item] };
      byHousehold.set(key, d);
      doors.push(d);
    }
  }
  return doors;
}
