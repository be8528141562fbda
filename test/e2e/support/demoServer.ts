import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridvax, startGridvax } from '../../support/cli.js';

export interface DemoServer {
  url: string;
  db: string;
  stop(): Promise<void>;
}

/**
 * A small demo county (the real places, fewer residents) served by the built CLI on a free
 * port, exactly as `npm start` serves the big one: the browser suites test what users run.
 */
export async function demoServer(residents = 20_000): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-e2e-'));
  const db = join(dir, 'gridvax.db');
  const built = gridvax(['demo', '--no-serve', '--residents', String(residents), '--db', db]);
  if (built.code !== 0) throw new Error(`demo build failed: ${built.stderr}`);
  const { child, url } = await startGridvax(['serve', '--db', db, '--port', '0']);
  return {
    url,
    db,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
