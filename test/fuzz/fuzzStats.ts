import { appendFileSync } from 'node:fs';

/**
 * FUZZ_STATS=<file>: one tab-separated line per fuzzed request (operation with its ids folded,
 * kind of input, role, status, error code and field), to see how deep the inputs get: a suite
 * whose requests all end in `request.invalid` proves little about the code behind the schema.
 *
 *   FUZZ_STATS=/tmp/stats.tsv npx vitest run test/fuzz/apiBodies.test.ts
 *   cut -f4 /tmp/stats.tsv | sort | uniq -c
 */
export function noteRequest(
  method: string,
  url: string,
  kind: string,
  role: string,
  status: number,
  body: string,
): void {
  const file = process.env['FUZZ_STATS'];
  if (!file) return;
  const route = (url.split('?')[0] ?? '').replace(/\/[^/]*\d[^/]*/g, '/:p');
  let error = '';
  if (status >= 400) {
    try {
      const e = (JSON.parse(body) as { error?: { code?: string; field?: string } }).error;
      error = `${e?.code ?? ''}\t${e?.field ?? ''}`;
    } catch {
      error = 'not JSON';
    }
  }
  const shape = kind.replace(/ \S+ (changed|dropped)$/, ' X $1').replace(/\d+ deep/, 'N deep');
  appendFileSync(file, `${method} ${route}\t${shape}\t${role}\t${status}\t${error}\n`);
}
