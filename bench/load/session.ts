import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../serverChild.js';
import { makeIdentities, type Identities } from './identities.js';
import { sampleMemory, withHeap, type HeapSample, type MemorySample } from './memory.js';
import { readPopulation } from './population.js';
import { seeded } from './random.js';
import type { Mix } from './mix.js';
import { overall } from './recorder.js';
import { runLoad, type LoadRun } from './runLoad.js';
import { checkStored, storedCounts } from './storedCounts.js';

export interface SessionOptions {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  bucketSeconds: number;
  seed: number;
  mix?: Mix;
  /** Sample the server's memory this often (seconds); not at all when absent. */
  memoryEverySeconds?: number;
  /** Users already added to this database (by makeIdentities), to reuse; else added now. */
  identities?: Identities;
  /** Write a V8 CPU profile of the server into this folder (BENCH_CPU_PROF). */
  profileDir?: string;
}

export interface Session {
  run: LoadRun;
  stored: ReturnType<typeof checkStored>;
  memory: MemorySample[];
  /**
   * The machine's 1-minute load average as the load started and ended: on a shared machine it
   * says how much of the cores other work took (the load itself adds about 2: server and clients).
   */
  loadAverage: { start: number; end: number };
  /** What the load started from: grids loaded, residents to visit and to dose. */
  population: { grids: number; townships: number; toVisit: number; toDose: number };
}

/** Non-2xx answers, connection errors and timeouts, and sync items not stored: all must be 0. */
export const failuresOf = (s: Session): number =>
  overall(s.run.routes).non2xx + overall(s.run.routes).errors + s.run.acked.itemsNotStored;

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const heapProbe = new URL('./heapProbe.js', import.meta.url).href;

function readHeap(file: string): HeapSample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as HeapSample);
}

/**
 * One load on `dbPath` (which it writes to: pass a copy): picks the grids and residents, adds
 * the users, starts `gridvax serve` as a child process, runs the mixed load, stops the server,
 * and checks the stored doses and visits against the acknowledged ones.
 */
export async function loadSession(dbPath: string, o: SessionOptions): Promise<Session> {
  const population = readPopulation(dbPath, seeded(o.seed));
  const identities =
    o.identities ??
    (await makeIdentities(
      dbPath,
      population.grids.map((g) => g.code),
      population.townships,
    ));
  const before = storedCounts(dbPath);
  const profile = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [];
  const probeDir = o.memoryEverySeconds ? mkdtempSync(join(tmpdir(), 'gridvax-heap-')) : undefined;
  const heapFile = probeDir ? join(probeDir, 'heap.jsonl') : undefined;
  const probe = heapFile ? ['--import', heapProbe] : [];
  const server = await startServer([...profile, ...probe, main, 'serve', '--db', dbPath, '--port', '0'], {
    GRIDVAX_LOG_LEVEL: 'error',
    ...(heapFile ? { BENCH_HEAP_FILE: heapFile, BENCH_HEAP_EVERY: String(o.memoryEverySeconds) } : {}),
  });
  const pid = server.child.pid;
  const sampler =
    o.memoryEverySeconds && pid !== undefined ? sampleMemory(pid, o.memoryEverySeconds) : undefined;
  let run: LoadRun;
  let memory: MemorySample[];
  const start = loadavg()[0] ?? NaN;
  try {
    run = await runLoad({ ...o, url: server.url, population, identities });
  } finally {
    memory = sampler?.stop() ?? [];
    await server.stop();
    if (heapFile) memory = withHeap(memory, readHeap(heapFile));
    if (probeDir) rmSync(probeDir, { recursive: true, force: true });
  }
  const end = loadavg()[0] ?? NaN;
  const stored = checkStored(before, storedCounts(dbPath), run.acked, { doses: run.acked.dosesUnanswered });
  return {
    run,
    stored,
    memory,
    loadAverage: { start, end },
    population: {
      grids: population.grids.length,
      townships: population.townships.length,
      toVisit: population.grids.reduce((s, g) => s + g.toVisit.length, 0),
      toDose: [...population.toDose.values()].reduce((s, l) => s + l.length, 0),
    },
  };
}
