/**
 * A prepared workbook written to a file: under a temporary name beside it, renamed once the
 * zip is complete, so a failed or killed export never leaves a file that looks like a ledger.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { invalidInput } from '../../domain/errors.js';
import type { PreparedWorkbook, WorkbookSummary } from './ledgerWorkbook.js';

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `out` itself, or the workbook's usual name inside `out` when it is an existing folder. */
export function workbookPath(out: string, fileName: string): string {
  return isFolder(out) ? join(out, fileName) : out;
}

export async function writeWorkbookFile(
  prepared: PreparedWorkbook,
  out: string,
): Promise<WorkbookSummary & { file: string }> {
  const file = workbookPath(out, prepared.fileName);
  if (!isFolder(dirname(file))) {
    throw invalidInput({
      code: 'export.out',
      field: 'out',
      message: { zh: `输出文件夹不存在：${dirname(file)}`, en: `no such folder: ${dirname(file)}` },
    });
  }
  const temp = `${file}.partial-${process.pid}`;
  const stream = createWriteStream(temp);
  try {
    const closed = once(stream, 'close');
    // A write error also rejects prepared.write; this copy must not go unhandled meanwhile.
    closed.catch(() => undefined);
    const summary = await prepared.write(stream);
    await closed;
    renameSync(temp, file);
    return { file, ...summary };
  } catch (e) {
    stream.destroy();
    rmSync(temp, { force: true });
    throw e;
  }
}
