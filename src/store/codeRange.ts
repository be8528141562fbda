/**
 * Place codes nest by prefix (county 6 → township 9 → village 12 → grid 15 → household 19
 * digits), so "everything under a place" is a range scan on an indexed code column. Digits
 * sort the same under every collation, which LIKE 'prefix%' cannot promise on PostgreSQL.
 */
export function codeRange(prefix: string): { low: string; high: string } {
  if (!/^\d+$/.test(prefix)) throw new RangeError(`not a place code: ${prefix}`);
  // The smallest digit string greater than every string starting with prefix: drop trailing
  // 9s and increment the last remaining digit ('4303219' → '430322').
  let end = prefix.length - 1;
  while (end >= 0 && prefix[end] === '9') end--;
  if (end < 0) return { low: prefix, high: ':' }; // all nines: ':' follows '9' in ASCII.
  const high = prefix.slice(0, end) + String(Number(prefix[end]) + 1);
  return { low: prefix, high };
}
