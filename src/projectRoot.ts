import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json. Code runs both from src/ (tests) and dist/src/ (the built
 * CLI), at different depths, so shipped files (assets/) are found by walking up, not by a
 * fixed relative path.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir)
      throw new Error('gridvax: cannot find package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

const ROOT = findRoot();

export function projectFile(...parts: string[]): string {
  return join(ROOT, ...parts);
}
