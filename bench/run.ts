import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_SEED } from '../src/demo/defaults.js';
import { projectFile } from '../src/projectRoot.js';
import { aggregateRuns } from './aggregate.js';
import { dailyReportBench } from './dailyReport.js';
import { demoBuild } from './demoBuild.js';
import { httpDosesBench } from './httpDoses.js';
import { importResidentsBench } from './importResidents.js';
import { progressBench } from './progress.js';
import { meets, type BenchResult } from './result.js';
import { QUICK, RUNS } from './stats.js';
import { syncBatchBench } from './syncBatch.js';
import { benchTable } from './table.js';
import { webAppBench } from './webApp.js';

const residents = Number(process.env['BENCH_RESIDENTS'] ?? 800_000);
// BENCH_ONLY=build,progress,sync,import,report,http,web runs a subset; BENCH_DB=FILE runs on a copy
// of a demo database already built (the demo build is then not measured).
const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());
const wanted = (name: string): boolean => !only || only.includes(name);
const given = process.env['BENCH_DB'];
const seed = Number(process.env['BENCH_SEED'] ?? DEFAULT_DEMO_SEED);

const results: BenchResult[] = [];
const started = performance.now();
// The demo database is built once (and its build measured), then shared by the benchmarks
// that follow, in an order where each one's writes cannot spoil the next one's inputs: the
// HTTP load, which doses residents, comes last.
const dir = mkdtempSync(join(tmpdir(), 'gridvax-bench-'));
const db = join(dir, 'demo.db');
/** Runs a benchmark `runs` times and keeps the median of each figure (see aggregate.ts). */
const step = async (
  what: string,
  runs: number,
  bench: (run: number) => Promise<BenchResult[]>,
): Promise<void> => {
  const all: BenchResult[][] = [];
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`bench: ${what}${runs > 1 ? ` (run ${run + 1} of ${runs})` : ''} …\n`);
    all.push(await bench(run));
  }
  results.push(...aggregateRuns(all));
};
try {
  if (given) copyFileSync(given, db);
  else {
    // The first build is the database the other benchmarks use; the later ones are thrown away.
    await step(`demo build at ${residents} residents`, wanted('build') ? RUNS : 1, async (run) => {
      const target = run === 0 ? db : join(dir, `build-${run}.db`);
      try {
        return await demoBuild(target, residents, seed);
      } finally {
        if (run > 0) for (const s of ['', '-wal', '-shm']) rmSync(target + s, { force: true });
      }
    });
  }
  if (wanted('progress')) await step('progress while writing', RUNS, () => progressBench(db));
  if (wanted('sync')) await step('sync batches of 5,000 visits', RUNS, () => syncBatchBench(db));
  if (wanted('import')) await step('register import (CSV and xlsx)', RUNS, () => importResidentsBench());
  if (wanted('report')) await step('daily report in every format', RUNS, () => dailyReportBench(db));
  if (wanted('web'))
    await step('web app: page weight and the command room in Chromium', 1, () => webAppBench(db));
  if (wanted('http')) await step('HTTP doses', RUNS, () => httpDosesBench(db));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(benchTable(results));
const missed = results.filter((r) => meets(r) === false).map((r) => r.name);
const minutes = (performance.now() - started) / 60_000;
process.stdout.write(
  `${results.length} figures in ${minutes.toFixed(1)} min; ${missed.length} short of their target${missed.length ? `: ${missed.join('; ')}` : ''}\n`,
);

mkdirSync(projectFile('bench', 'results'), { recursive: true });
const out = projectFile('bench', 'results', 'latest.json');
writeFileSync(
  out,
  JSON.stringify(
    { at: new Date().toISOString(), residents, seed, quick: QUICK, runs: RUNS, minutes, results },
    null,
    2,
  ),
);
process.stderr.write(`bench: written ${out}\n`);
