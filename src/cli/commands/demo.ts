import type { Command } from 'commander';
import { invalidInput } from '../../domain/errors.js';
import { DEFAULT_DEMO_RESIDENTS, DEFAULT_DEMO_SEED } from '../../demo/defaults.js';
import { action, printJsonLine } from '../output.js';
import { terminalProgress } from '../progress.js';
import { withDbOption, withStore } from '../storeOption.js';
import { parsePort, serveUntilStopped } from './serve.js';

const MAX_RESIDENTS = 5_000_000;

function parseWholeNumber(value: string, field: string, min: number, max: number): number {
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalidInput({
      code: `cli.${field}`,
      field,
      message: {
        zh: `--${field} 应为 ${min} 到 ${max} 之间的整数：${value}`,
        en: `--${field} must be a whole number from ${min} to ${max}: ${value}`,
      },
    });
  }
  return n;
}

interface DemoFlags {
  db?: string;
  residents: string;
  seed: string;
  serve: boolean;
  port: string;
  host: string;
  json?: boolean;
}

export function registerDemo(program: Command): void {
  withDbOption(program.command('demo'))
    .description(
      '演示 Build the demo county — Xiangtan County (430321) with its real 17 townships and 351 villages, a synthetic\n' +
        'population, and a first-dose campaign as of the evening of 2021-08-09 — then serve it.\n' +
        'A database that already holds residents is served as it is, never overwritten.',
    )
    .option('--residents <n>', 'how many residents', String(DEFAULT_DEMO_RESIDENTS))
    .option('--seed <n>', 'random seed: the same seed builds the same county', String(DEFAULT_DEMO_SEED))
    .option('--no-serve', 'build only; do not start the server')
    .option('--port <port>', 'port to serve on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--json', 'print the build summary as one JSON object')
    .action(
      action(async (opts: DemoFlags) => {
        const residents = parseWholeNumber(opts.residents, 'residents', 1_000, MAX_RESIDENTS);
        const seed = parseWholeNumber(opts.seed, 'seed', 0, 2 ** 31 - 1);
        if (opts.serve) parsePort(opts.port);
        const started = Date.now();
        const progress = terminalProgress(!opts.json);
        const { setUpDemo } = await import('../../demo/setUpDemo.js');
        const result = await withStore(opts, (store) => setUpDemo(store, { residents, seed, progress }));
        progress.done();
        const seconds = (Date.now() - started) / 1000;
        if (opts.json) printJsonLine({ ...result, seconds });
        else if (result.built) {
          const s = result.summary;
          process.stderr.write(
            `演示县已建成 demo county built in ${seconds.toFixed(1)} s: 网格 ${s.grids} · 户 ${s.households} · 居民 ${s.residents} · 摸排 ${s.visits} · 接种 ${s.doses} · 任务 campaign #${s.campaignId}\n`,
          );
          process.stderr.write(
            `演示账号 demo accounts (password 密码 ${result.password}, demo only):\n` +
              result.accounts.map((a) => `  ${a.username.padEnd(16)} ${a.places.join(', ')}\n`).join(''),
          );
        } else {
          process.stderr.write(
            `数据库已有 ${result.residents} 名居民，直接使用 the database already holds ${result.residents} residents; using it as it is\n`,
          );
        }
        if (opts.serve) await serveUntilStopped(opts);
      }),
    );
}
