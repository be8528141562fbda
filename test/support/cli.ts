import { spawnSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { projectFile } from '../../src/projectRoot.js';

/** The built CLI, exactly as a user runs it (`npm test` builds before it tests). */
export const CLI = projectFile('dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function gridvax(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env?.['GRIDVAX_DATABASE_URL']) delete env['GRIDVAX_DATABASE_URL'];
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Starts a long-running command (serve, demo) and resolves once it prints its address. */
export function startGridvax(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, GRIDVAX_LOG_LEVEL: 'error' },
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /(http:\/\/[\d.:]+)\/healthz/.exec(err);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`gridvax ${args.join(' ')} exited ${code}: ${err}`)));
  });
}
