/**
 * An xlsx workbook's shared strings (every distinct text of the workbook, cells refer to them
 * by index), kept as UTF-8 in one growing buffer with an offset table instead of as a million
 * JavaScript strings. A generated million-row register has three million distinct strings (ID
 * numbers, phones, addresses): as strings they took ~300 MB of live heap, here ~60 MB, which is
 * what keeps a streamed xlsx import under its memory bound. A string is decoded again each
 * time a cell asks for it; that is cheaper than keeping it.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private ends = new Uint32Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(text: string): void {
    const need = Buffer.byteLength(text, 'utf8');
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  get(index: number): string {
    if (index < 0 || index >= this.count) return '';
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index] as number);
  }
}
