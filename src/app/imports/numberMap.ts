/**
 * A map from numbers to numbers in two typed arrays (open addressing, linear probing): the
 * import's duplicate check holds a million ID numbers, and a Map with keys above 2^31 boxes
 * every key. Keys must be non-negative integers below 2^53; -1 marks a free slot.
 */
export class NumberMap {
  private keys: Float64Array;
  private values: Float64Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  private slot(keys: Float64Array, key: number): number {
    const mask = keys.length - 1;
    // Mix the low and high halves: ID-derived keys differ mostly in their middle digits.
    let h = (Math.imul((key % 4294967296) | 0, 0x9e3779b1) ^ Math.floor(key / 4294967296)) & mask;
    while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & mask;
    return h;
  }

  get(key: number): number | undefined {
    const h = this.slot(this.keys, key);
    return this.keys[h] === key ? this.values[h] : undefined;
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const h = this.slot(this.keys, key);
    if (this.keys[h] !== key) {
      this.keys[h] = key;
      this.count++;
    }
    this.values[h] = value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.values = new Float64Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k === -1) continue;
      const h = this.slot(this.keys, k);
      this.keys[h] = k;
      this.values[h] = oldValues[i] as number;
    }
  }
}
