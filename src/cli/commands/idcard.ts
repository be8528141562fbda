import type { Command } from 'commander';
import { parseIdNumber } from '../../domain/idcard.js';
import { shanghaiDate } from '../../domain/calendar.js';
import { errorJson } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';

/** The JSON line contract of `gridvax idcard check --json`; fields that do not apply are null. */
export function idcardCheckJson(input: string, today: string): Record<string, unknown> {
  const r = parseIdNumber(input, today);
  if (r.ok) {
    return {
      input,
      valid: true,
      normalized: r.normalized,
      birthDate: r.birthDate,
      sex: r.sex,
      areaCode: r.areaCode,
      upgradedFrom15: r.upgradedFrom15,
      error: null,
    };
  }
  return {
    input,
    valid: false,
    normalized: null,
    birthDate: null,
    sex: null,
    areaCode: null,
    error: errorJson(r.error),
  };
}

async function readStdinLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

export function registerIdcard(program: Command): void {
  const idcard = program.command('idcard').description('身份证号 Resident ID numbers (GB 11643)');
  idcard
    .command('check')
    .description(
      '校验 Check ID numbers: length, characters, area, birth date, ISO 7064 MOD 11-2 check; 15-digit numbers are upgraded.\n' +
        'With no ID arguments, reads one per line from standard input.',
    )
    .argument('[id...]', 'ID numbers to check')
    .option('--json', 'one JSON object per line, in input order')
    .option(
      '--today <date>',
      'judge birth dates against this day (YYYY-MM-DD) instead of today in Asia/Shanghai',
    )
    .action(
      action(async (ids: string[], opts: { json?: boolean; today?: string }) => {
        const inputs = ids.length > 0 ? ids : await readStdinLines();
        const today = opts.today ?? shanghaiDate(new Date());
        for (const input of inputs) {
          const out = idcardCheckJson(input, today);
          if (opts.json) printJsonLine(out);
          else if (out['valid']) {
            process.stdout.write(
              `${input}\t有效 valid\t${String(out['normalized'])}\t${String(out['birthDate'])}\t${out['sex'] === 'M' ? '男 M' : '女 F'}\t${String(out['areaCode'])}\n`,
            );
          } else {
            const e = out['error'] as { message: string; messageEn: string };
            process.stdout.write(`${input}\t无效 invalid\t${e.message} / ${e.messageEn}\n`);
          }
        }
        // Invalid numbers are findings, not failures: the exit code stays 0.
      }),
    );
}
