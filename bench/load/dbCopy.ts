import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A working copy of a demo database (with its -wal and -shm, if any) in a temporary folder:
 * the load writes doses and visits, and the original must stay as it was.
 */
export function copyOfDb(source: string): { path: string; remove(): void } {
  if (!existsSync(source)) throw new Error(`no database at ${source} (BENCH_DB)`);
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-load-'));
  const path = join(dir, 'demo.db');
  copyFileSync(source, path);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(source + suffix)) copyFileSync(source + suffix, path + suffix);
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
