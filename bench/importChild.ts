/**
 * Runs in its own process so its peak memory is the import's alone: imports the register file
 * named by argv into the SQLite database named by argv and prints one JSON line with the time,
 * the peak RSS and the summary.
 */
import { importResidents } from '../src/app/imports/importResidents.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore } from '../src/store/openStore.js';

const [dbPath, file, report] = process.argv.slice(2);
if (!dbPath || !file || !report) throw new Error('usage: importChild DB FILE REPORT');
const store = await openStore(resolveStoreLocation(dbPath, {}));
const started = performance.now();
const summary = await importResidents(store, { file, county: '430321', report: { path: report } });
const seconds = (performance.now() - started) / 1000;
await store.close();
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, summary })}\n`,
);
