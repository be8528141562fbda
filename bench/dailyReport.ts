import { progressOf } from '../src/app/progress/progressOf.js';
import { buildDailyReport } from '../src/app/reports/buildDailyReport.js';
import { takeDailySnapshot } from '../src/app/reports/takeSnapshot.js';
import { DEMO_COUNTY } from '../src/demo/setUpDemo.js';
import { REPORT_FORMATS, renderDailyReport } from '../src/reports/render.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore } from '../src/store/openStore.js';
import { below, type BenchResult } from './result.js';
import { timed } from './stats.js';
const DAY = '2021-08-09';

/**
 * The whole county's daily report on the demo evening: building the model from the stored
 * facts, each format rendered from it, and freezing the day's snapshot. Floor: the progress
 * read of the county with its townships and villages that the report's figures start from.
 */
export async function dailyReportBench(db: string): Promise<BenchResult[]> {
  const store = await openStore(resolveStoreLocation(db, {}));
  try {
    // One measurement each: `npm run bench` repeats the whole benchmark and takes medians.
    const floor = (await timed(() => progressOf(store, 1, DEMO_COUNTY, 2))).ms;
    const built = await timed(() =>
      buildDailyReport(store, { campaignId: 1, place: DEMO_COUNTY, date: DAY }),
    );
    const report = built.value;
    const results: BenchResult[] = [
      {
        name: 'daily report (county): model',
        value: built.ms / 1000,
        unit: 's',
        floor: floor / 1000,
        ratio: floor / built.ms,
        targets: [below(3)],
        note: 'floor = progressOf(county, depth 2); aim < 3 s for every format',
      },
    ];
    for (const format of REPORT_FORMATS) {
      const total = built.ms + (await timed(() => renderDailyReport(report, format))).ms;
      results.push({
        name: `daily report (county): ${format} (model + render)`,
        value: total / 1000,
        unit: 's',
        floor: floor / 1000,
        ratio: floor / total,
        targets: [below(3)],
      });
    }
    const snap = await timed(() => takeDailySnapshot(store, { campaignId: 1, date: DAY, force: true }));
    results.push({
      name: 'daily report (county): snapshot',
      value: snap.ms / 1000,
      unit: 's',
      floor: floor / 1000,
      ratio: floor / snap.ms,
      targets: [below(3)],
    });
    return results;
  } finally {
    await store.close();
  }
}
