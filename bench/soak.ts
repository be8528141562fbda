import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { projectFile } from '../src/projectRoot.js';
import { copyOfDb } from './load/dbCopy.js';
import { memoryGrowth, type SoakMemory } from './load/memoryGrowth.js';
import { mixFrom, ROUTES } from './load/mix.js';
import { failuresOf, loadSession, type Session } from './load/session.js';
import { renderRows, routeTable } from './load/table.js';

const TARGET_GROWTH = 0.1;

function report(s: Session, memory: SoakMemory): string {
  const perMinute = renderRows(
    ['from s', 'requests', '2xx/s', ...ROUTES.map((r) => `${r}/s`), 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    s.run.timeline.map((b) => [
      String(b.fromSecond),
      String(b.all.requests),
      b.all.rps.toFixed(1),
      ...ROUTES.map((r) => String(b.rps[r])),
      b.all.p50.toFixed(1),
      b.all.p99.toFixed(1),
      String(b.all.non2xx),
      String(b.all.errors),
    ]),
  );
  const rss = renderRows(
    ['second', 'RSS MiB', 'peak MiB', 'heap used MiB'],
    s.memory.map((m) => [
      String(m.second),
      m.rssMiB.toFixed(1),
      m.hwmMiB.toFixed(1),
      m.heapUsedMiB === undefined ? '–' : m.heapUsedMiB.toFixed(1),
    ]),
  );
  const pct = (x: number | undefined): string => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
  return (
    `\nsoak: ${s.run.clients} clients (connected in ${s.run.connectSeconds.toFixed(2)} s), ${s.run.seconds.toFixed(0)} s (mix ${JSON.stringify(s.run.mix)}; ` +
    `machine load average ${s.loadAverage.start.toFixed(1)} at the start, ${s.loadAverage.end.toFixed(1)} at the end)\n` +
    routeTable(s.run.routes) +
    `\nper minute:\n${perMinute}\nserver memory (VmRSS and VmHWM from /proc; V8 heap from the probe):\n${rss}\n` +
    `memory (RSS): ${memory.afterWarmupMiB.toFixed(1)} MiB at the end of the first minute against ` +
    `${memory.lastMinuteMaxMiB.toFixed(1)} MiB, the most in the last minute: ${pct(memory.growth)}; ` +
    `crest against crest (second minute ${memory.secondMinuteMaxMiB.toFixed(1)} MiB): ${pct(memory.peakGrowth)}; ` +
    `median against median (${memory.secondMinuteMedianMiB.toFixed(1)} → ${memory.lastMinuteMedianMiB.toFixed(1)} MiB): ` +
    `${pct(memory.medianGrowth)} (target < ${TARGET_GROWTH * 100}%: ${memory.medianGrowth < TARGET_GROWTH ? 'ok' : 'OVER'}); ` +
    `V8 heap in use, median against median: ${pct(memory.heapMedianGrowth)}; trend after the first ` +
    `minute: RSS ${memory.trend.rssMiBPerMinute.toFixed(2)} MiB/min, heap ` +
    `${memory.trend.heapMiBPerMinute?.toFixed(2) ?? '–'} MiB/min\n` +
    `stored vs acknowledged: doses ${s.stored.doses} / ${s.run.acked.doses}, visits ${s.stored.visits} / ` +
    `${s.run.acked.visits}: ${s.stored.ok ? 'ok' : `MISMATCH ${s.stored.problem}`}\n` +
    Object.entries(s.run.failures)
      .map(([why, n]) => `  failure ×${n}: ${why}\n`)
      .join('')
  );
}

/**
 * Issue 9, part 5: `node dist/bench/soak.js` — the mixed load of httpMixed at BENCH_CLIENTS
 * (default 50) for BENCH_SOAK_SECONDS (default 600) on a copy of BENCH_DB, the server's RSS
 * (and V8 heap) sampled every BENCH_SOAK_SAMPLE_SECONDS (default 10). Memory after the first
 * minute against the largest in the last minute must grow less than 10% (see memoryGrowth for
 * which comparison is held to it); throughput and failures per minute.
 * Writes bench/results/soak.json; exits 1 on growth, failures or a stored/acked mismatch.
 */
async function main(): Promise<void> {
  const source = process.env['BENCH_DB'];
  if (!source) throw new Error('set BENCH_DB to a demo database (gridvax demo --no-serve --db FILE)');
  const clients = Number(process.env['BENCH_CLIENTS'] ?? 50);
  const seconds = Number(process.env['BENCH_SOAK_SECONDS'] ?? 600);
  const every = Number(process.env['BENCH_SOAK_SAMPLE_SECONDS'] ?? 10);
  const seed = Number(process.env['BENCH_SEED'] ?? 1);
  const db = copyOfDb(source);
  let s: Session;
  try {
    process.stderr.write(`soak: ${clients} clients for ${seconds} s …\n`);
    // No separate warm-up: the first minute is the warm-up, and it is in the timeline.
    s = await loadSession(db.path, {
      clients,
      seconds,
      warmupSeconds: 0,
      bucketSeconds: 60,
      seed,
      mix: mixFrom(process.env['BENCH_MIX']),
      memoryEverySeconds: every,
    });
  } finally {
    db.remove();
  }
  const memory = memoryGrowth(s.memory, seconds);
  process.stdout.write(report(s, memory));
  mkdirSync(projectFile('bench', 'results'), { recursive: true });
  const out = projectFile('bench', 'results', 'soak.json');
  writeFileSync(
    out,
    JSON.stringify({ at: new Date().toISOString(), db: source, seed, growth: memory, ...s }, null, 2),
  );
  process.stderr.write(`soak: written ${out}\n`);
  const failed = failuresOf(s) > 0 || !s.stored.ok;
  if (failed || memory.medianGrowth >= TARGET_GROWTH) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
