import { appendFileSync } from 'node:fs';

/**
 * Loaded into the server child with `node --import` (the server has no endpoint for its heap):
 * every BENCH_HEAP_EVERY seconds it appends the process's memoryUsage() as one JSON line to
 * BENCH_HEAP_FILE. Cheap (one small synchronous write every 10 s), and it tells a JS leak
 * (heapUsed climbing) from SQLite's page cache filling (RSS up, heap flat).
 */
const file = process.env['BENCH_HEAP_FILE'];
const every = Number(process.env['BENCH_HEAP_EVERY'] ?? 10);
if (file) {
  const t0 = performance.now();
  const mib = (n: number): number => Math.round((n / 2 ** 20) * 10) / 10;
  const take = (): void => {
    const m = process.memoryUsage();
    const second = Math.round((performance.now() - t0) / 1000);
    appendFileSync(
      file,
      `${JSON.stringify({ second, heapUsedMiB: mib(m.heapUsed), heapTotalMiB: mib(m.heapTotal), externalMiB: mib(m.external) })}\n`,
    );
  };
  setInterval(take, every * 1000).unref();
}
