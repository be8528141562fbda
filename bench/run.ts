import { mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_DEMO_SEED } from '../src/demo/defaults.js';
import { projectFile } from '../src/projectRoot.js';
import { demoBuild } from './demoBuild.js';
import type { BenchResult } from './result.js';

const residents = Number(process.env['BENCH_RESIDENTS'] ?? 800_000);
const seed = Number(process.env['BENCH_SEED'] ?? DEFAULT_DEMO_SEED);

const results: BenchResult[] = [];
process.stderr.write(`bench: demo build at ${residents} residents …\n`);
results.push(...(await demoBuild(residents, seed)));

const fmt = (n: number | undefined): string =>
  n === undefined ? '' : Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(n < 1 ? 3 : 2);
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
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), residents, seed, results }, null, 2));
process.stderr.write(`bench: written ${out}\n`);
