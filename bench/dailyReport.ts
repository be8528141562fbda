import { progressOf } from '../src/app/progress/progressOf.js';
import { buildDailyReport } from '../src/app/reports/buildDailyReport.js';
import { takeDailySnapshot } from '../src/app/reports/takeSnapshot.js';
import { DEMO_COUNTY } from '../src/demo/setUpDemo.js';
import { REPORT_FORMATS, renderDailyReport } from '../src/reports/render.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore } from '../src/store/openStore.js';
import type { BenchResult } from './result.js';
import { median, QUICK, timed } from './stats.js';

const RUNS = QUICK ? 1 : 3;
const DAY = '2021-08-09';

/**
 * The whole county's daily report on the demo evening: building the model from the stored
 * facts, each format rendered from it, and freezing the day's snapshot. Floor: the progress
 * read of the county with its townships and villages that the report's figures start from.
 */
export async function dailyReportBench(db: string): Promise<BenchResult[]> {
  const store = await openStore(resolveStoreLocation(db, {}));
  try {
    const floorMs: number[] = [];
    const buildMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floorMs.push((await timed(() => progressOf(store, 1, DEMO_COUNTY, 2))).ms);
      buildMs.push(
        (await timed(() => buildDailyReport(store, { campaignId: 1, place: DEMO_COUNTY, date: DAY }))).ms,
      );
    }
    const floor = median(floorMs);
    const report = await buildDailyReport(store, { campaignId: 1, place: DEMO_COUNTY, date: DAY });
    const results: BenchResult[] = [
      {
        name: 'daily report (county): model',
        value: median(buildMs) / 1000,
        unit: 's',
        floor: floor / 1000,
        ratio: floor / median(buildMs),
        note: `median of ${RUNS}; floor = progressOf(county, depth 2); aim < 3 s for every format`,
      },
    ];
    for (const format of REPORT_FORMATS) {
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push((await timed(() => renderDailyReport(report, format))).ms);
      const total = median(buildMs) + median(ms);
      results.push({
        name: `daily report (county): ${format} (model + render)`,
        value: total / 1000,
        unit: 's',
        floor: floor / 1000,
        ratio: floor / total,
      });
    }
    const snap = await timed(() => takeDailySnapshot(store, { campaignId: 1, date: DAY, force: true }));
    results.push({
      name: 'daily report (county): snapshot',
      value: snap.ms / 1000,
      unit: 's',
      floor: floor / 1000,
      ratio: floor / snap.ms,
    });
    return results;
  } finally {
    await store.close();
  }
}
