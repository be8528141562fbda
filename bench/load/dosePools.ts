/**
 * The residents still to dose, per township, handed out one per request and never twice: a
 * second dose 1 for the same resident would be refused, and the load would measure refusals.
 * A township's site that has dosed everyone on its list helps the township with the most left,
 * signed in as that township's site (so the scope check still passes).
 */
export class DosePools {
  private readonly next = new Map<string, number>();
  used = 0;

  constructor(private readonly pools: ReadonlyMap<string, readonly string[]>) {}

  take(township: string): { township: string; idNumber: string } {
    const from = this.left(township) > 0 ? township : this.fullest();
    const i = this.next.get(from) ?? 0;
    const idNumber = this.pools.get(from)?.[i];
    if (idNumber === undefined) {
      throw new Error('load: every resident without a dose has been dosed; use a fresh copy of the demo');
    }
    this.next.set(from, i + 1);
    this.used++;
    return { township: from, idNumber };
  }

  private left(township: string): number {
    return (this.pools.get(township)?.length ?? 0) - (this.next.get(township) ?? 0);
  }

  private fullest(): string {
    let best = '';
    for (const t of this.pools.keys()) if (best === '' || this.left(t) > this.left(best)) best = t;
    return best;
  }
}
