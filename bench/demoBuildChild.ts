/**
 * Runs in its own process so its peak memory is the demo build's alone: builds the demo into
 * the SQLite file named by argv and prints one JSON line with the time and the peak RSS.
 */
import { openStore } from '../src/store/openStore.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { setUpDemo } from '../src/demo/setUpDemo.js';
import { DEFAULT_DEMO_SEED } from '../src/demo/defaults.js';

const [dbPath, residents, seed] = process.argv.slice(2);
if (!dbPath || !residents) throw new Error('usage: demoBuildChild DB RESIDENTS [SEED]');
const started = performance.now();
const store = await openStore(resolveStoreLocation(dbPath, {}));
const result = await setUpDemo(store, {
  residents: Number(residents),
  seed: Number(seed ?? DEFAULT_DEMO_SEED),
});
await store.close();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, result })}\n`,
);
