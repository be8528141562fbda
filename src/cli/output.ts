import { errorJson, isGridvaxError } from '../domain/errors.js';
import { EXIT, exitCodeOf } from './exitCodes.js';

/** One JSON object per line: the form every `--json` output takes, so `jq -c` and `while read` work. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Turns whatever a command threw into one clear line (or one JSON object with --json) and the
 * exit code that means it. Unexpected errors say so without a stack unless GRIDVAX_DEBUG is set.
 */
export function reportFailure(e: unknown, json: boolean): number {
  if (isGridvaxError(e)) {
    const d = e.detail;
    if (json) printJsonLine({ error: errorJson(d) });
    else {
      const where = [d.file, d.row === undefined ? undefined : `第 ${d.row} 行 / line ${d.row}`, d.field]
        .filter((x) => x !== undefined)
        .join(', ');
      process.stderr.write(`gridvax: ${where ? `${where}: ` : ''}${d.message.zh} / ${d.message.en}\n`);
    }
    return exitCodeOf(e.kind);
  }
  const message = e instanceof Error ? e.message : String(e);
  if (json)
    printJsonLine({
      error: { code: 'internal', message: `内部错误：${message}`, messageEn: `internal error: ${message}` },
    });
  else process.stderr.write(`gridvax: 内部错误 / internal error: ${message}\n`);
  if (process.env['GRIDVAX_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
  return EXIT.failure;
}

/** Wraps a command's action: runs it, and on failure prints and exits with the right code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const opts = args.find((a) => typeof a === 'object' && a !== null && 'json' in a) as
      { json?: boolean } | undefined;
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : EXIT.ok;
    } catch (e) {
      process.exitCode = reportFailure(e, opts?.json === true);
    }
  };
}
