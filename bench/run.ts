import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_SEED } from '../src/demo/defaults.js';
import { projectFile } from '../src/projectRoot.js';
import { dailyReportBench } from './dailyReport.js';
import { demoBuild } from './demoBuild.js';
import { httpDosesBench } from './httpDoses.js';
import { importResidentsBench } from './importResidents.js';
import { progressBench } from './progress.js';
import type { BenchResult } from './result.js';
import { QUICK } from './stats.js';
import { syncBatchBench } from './syncBatch.js';

const residents = Number(process.env['BENCH_RESIDENTS'] ?? 800_000);
// BENCH_ONLY=progress,sync,report,http runs a subset; BENCH_DB=FILE runs on a copy of a demo database
// already built (the demo build is then not measured).
const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());
const wanted = (name: string): boolean => !only || only.includes(name);
const given = process.env['BENCH_DB'];
const seed = Number(process.env['BENCH_SEED'] ?? DEFAULT_DEMO_SEED);

const results: BenchResult[] = [];
// The demo database is built once (and its build measured), then shared by the benchmarks
// that follow, in an order where each one's writes cannot spoil the next one's inputs: the
// HTTP load, which doses residents, comes last.
const dir = mkdtempSync(join(tmpdir(), 'gridvax-bench-'));
const db = join(dir, 'demo.db');
const step = async (what: string, bench: () => Promise<BenchResult[]>): Promise<void> => {
  process.stderr.write(`bench: ${what} …\n`);
  results.push(...(await bench()));
};
try {
  if (given) copyFileSync(given, db);
  else await step(`demo build at ${residents} residents`, () => demoBuild(db, residents, seed));
  if (wanted('progress')) await step('progress while writing', () => progressBench(db));
  if (wanted('sync')) await step('sync batches of 5,000 visits', () => syncBatchBench(db));
  if (wanted('import')) await step('register import (CSV and xlsx)', () => importResidentsBench());
  if (wanted('report')) await step('daily report in every format', () => dailyReportBench(db));
  if (wanted('http')) {
    await step(`HTTP doses (${QUICK ? 'quick: 10 s' : '60 s'} per server)`, () => httpDosesBench(db));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (n: number | undefined): string =>
  n === undefined
    ? ''
    : Number.isInteger(n) || Math.abs(n) >= 100
      ? String(Math.round(n))
      : n.toFixed(n < 1 ? 3 : 2);
const rows = results.map((r) => [
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  r.floor === undefined ? '' : `${fmt(r.floor)} ${r.unit}`,
  fmt(r.ratio),
]);
const header = ['benchmark', 'value', 'floor', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(
  `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
);
for (const r of results) if (r.note) process.stdout.write(`  · ${r.name}: ${r.note}\n`);

mkdirSync(projectFile('bench', 'results'), { recursive: true });
const out = projectFile('bench', 'results', 'latest.json');
writeFileSync(
  out,
  JSON.stringify({ at: new Date().toISOString(), residents, seed, quick: QUICK, results }, null, 2),
);
process.stderr.write(`bench: written ${out}\n`);
