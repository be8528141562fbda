import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pageWeight } from './pageWeight.js';
import { below, type BenchResult } from './result.js';
import { startServer } from './serverChild.js';
import { RUNS } from './stats.js';
import { measureCommandRoom } from './webDashboard.js';

const CHROMIUM = process.env['GRIDVAX_CHROMIUM'] ?? '/usr/bin/chromium';
const KB = 1024;

/**
 * Issue 6's figures: what a grid member's phone downloads to open the field pages (from the
 * build), and, in Debian's Chromium against `gridvax serve` on the demo database, the command
 * room's first meaningful paint (the ranking rows drawn) and a drill-down click's answer.
 * Floor for the paint: the same navigation's first contentful paint (the shell, before any
 * figure is fetched), so the ratio says how much of the wait is the figures.
 */
export async function webAppBench(db: string): Promise<BenchResult[]> {
  const web = fileURLToPath(new URL('../web', import.meta.url));
  const field = pageWeight(web, 'FieldApp');
  const site = pageWeight(web, 'SiteApp');
  const results: BenchResult[] = [
    {
      name: 'web: field pages JavaScript (gzipped, with the shell)',
      value: field.totalGzip / KB,
      unit: 'KB',
      targets: [below(250)],
      note: `${field.files.length} files from dist/web; the command room's antd and charts load lazily`,
    },
    { name: 'web: site pages JavaScript (gzipped, with the shell)', value: site.totalGzip / KB, unit: 'KB' },
  ];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`bench: ${CHROMIUM} is missing: the command room's browser figures are skipped\n`);
    return results;
  }
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const server = await startServer([main, 'serve', '--db', db, '--port', '0'], {
    GRIDVAX_LOG_LEVEL: 'error',
  });
  try {
    const f = await measureCommandRoom(server.url, { runs: RUNS, chromium: CHROMIUM });
    const browser = `median of ${f.runs} fresh browser contexts (Chromium headless, 1366×860)`;
    results.push(
      {
        name: 'web: dashboard first meaningful paint (cold)',
        value: f.dashboardRankingColdMs,
        unit: 'ms',
        floor: f.firstContentfulPaintMs,
        ratio: f.firstContentfulPaintMs / f.dashboardRankingColdMs,
        targets: [below(1500)],
        runs: f.runs,
        note: `ranking rows drawn after sign-in, ${browser}; floor = first contentful paint of the same navigation`,
      },
      {
        name: 'web: dashboard first meaningful paint (warm)',
        value: f.dashboardRankingWarmMs,
        unit: 'ms',
        targets: [below(1500)],
        runs: f.runs,
      },
    );
    for (const level of ['township', 'village', 'grid'] as const) {
      results.push({
        name: `web: drill-down click to ${level}`,
        value: f.drillClickMs[level],
        unit: 'ms',
        targets: [below(300)],
        runs: f.runs,
        note: `from the click to the next level's table drawn, ${browser}`,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}
