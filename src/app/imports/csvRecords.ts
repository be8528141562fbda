/**
 * CSV records from decoded text, chunk by chunk (RFC 4180, read leniently as spreadsheets
 * write it). Hand-written because at a million rows a general parser was a third of the
 * import's time: most lines have no quotes at all and are split in one call; only a line
 * with a quote goes through the character loop.
 *
 * Lenient where spreadsheets and hand edits are sloppy: a quote inside an unquoted field is
 * kept as text, text after a closing quote is kept, rows may have any number of fields, and
 * CRLF, LF or a last line without an end all work. Each record is one spreadsheet row (a
 * quoted field may span lines), so row numbers match what LibreOffice or Excel show.
 */
export class CsvRecords {
  private rest = '';

  constructor(private readonly delimiter: string) {}

  /** The records completed by this chunk of text; an unfinished last line waits for the next. */
  feed(text: string): string[][] {
    const s = this.rest.length === 0 ? text : this.rest + text;
    const records: string[][] = [];
    const d = this.delimiter;
    let i = 0;
    // The next quote, looked up again only once passed: searching from every line start
    // would scan to the end of a quote-free chunk for each of its lines.
    let q = s.indexOf('"');
    for (;;) {
      const nl = s.indexOf('\n', i);
      if (nl === -1) break;
      if (q !== -1 && q < i) q = s.indexOf('"', i);
      if (q === -1 || q > nl) {
        const end = nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        records.push(s.slice(i, end).split(d));
        i = nl + 1;
        continue;
      }
      const r = quotedRecord(s, i, d, false);
      if (r === undefined) break;
      records.push(r.fields);
      i = r.next;
    }
    this.rest = s.slice(i);
    return records;
  }

  /** The last record, when the text did not end with a line break. */
  end(): string[][] {
    const s = this.rest;
    this.rest = '';
    if (s.length === 0) return [];
    const r = quotedRecord(s, 0, this.delimiter, true) as { fields: string[] };
    return [r.fields];
  }
}

/**
 * One record starting at `start`, reading quotes; undefined when the text ends inside it and
 * more may come (`final` false).
 */
function quotedRecord(
  s: string,
  start: number,
  d: string,
  final: boolean,
): { fields: string[]; next: number } | undefined {
  const fields: string[] = [];
  const n = s.length;
  const dc = d.charCodeAt(0);
  let i = start;
  for (;;) {
    let field = '';
    if (i < n && s.charCodeAt(i) === 34) {
      // A quoted field: "" is a quote; it ends at a lone quote.
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) {
          if (!final) return undefined;
          field += s.slice(i);
          i = n;
          break;
        }
        field += s.slice(i, q);
        if (q + 1 < n && s.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return undefined;
        i = q + 1;
        break;
      }
    }
    // The unquoted field, or whatever follows a closing quote, up to the delimiter or line end.
    let j = i;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === dc || c === 10) break;
      j++;
    }
    if (j >= n && !final) return undefined;
    let tail = s.slice(i, j);
    if (j < n && s.charCodeAt(j) === 10 && tail.endsWith('\r')) tail = tail.slice(0, -1);
    else if (j >= n && tail.endsWith('\r')) tail = tail.slice(0, -1);
    fields.push(field + tail);
    if (j >= n) return { fields, next: n };
    if (s.charCodeAt(j) === 10) return { fields, next: j + 1 };
    i = j + 1;
  }
}

/**
 * The delimiter a CSV file uses, from its first lines: comma unless tabs (Excel's "Unicode
 * text") or semicolons (European settings) clearly outnumber commas outside quotes.
 */
export function sniffDelimiter(head: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < head.length && lines < 20; i++) {
    const c = head[i] as string;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === '\n') lines++;
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}
