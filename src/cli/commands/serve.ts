import type { Command } from 'commander';
import { openStore } from '../../store/openStore.js';
import { resolveStoreLocation } from '../../store/dialect.js';
import { invalidInput } from '../../domain/errors.js';
import { action } from '../output.js';
import { withDbOption } from '../storeOption.js';
import { ensureAdministrator } from '../../app/users/ensureAdministrator.js';
import { cliActor } from '../cliActor.js';
import { describeAdministrator } from './administrator.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalidInput({
      code: 'cli.port',
      field: 'port',
      message: { zh: `端口号无效：${value}`, en: `not a port number: ${value}` },
    });
  }
  return port;
}

/** Serves until SIGINT/SIGTERM, then closes the server and the database cleanly. */
export async function serveUntilStopped(opts: { db?: string; port?: string; host?: string }): Promise<void> {
  const port = parsePort(opts.port ?? '8080');
  const store = await openStore(resolveStoreLocation(opts.db));
  // A database nobody can sign in to gets its administrator now, its password printed once.
  process.stderr.write(describeAdministrator(await ensureAdministrator(store, cliActor())));
  // The HTTP stack is loaded only by the commands that serve, so every other command starts fast.
  const { buildServer } = await import('../../api/server.js');
  const trustProxy = /^(1|true|yes)$/i.test(process.env['GRIDVAX_TRUST_PROXY'] ?? '');
  const app = await buildServer(store, { logLevel: process.env['GRIDVAX_LOG_LEVEL'] ?? 'warn', trustProxy });
  const address = await app.listen({ port, host: opts.host ?? '127.0.0.1' });
  process.stderr.write(
    `gridvax 已启动 serving ${store.dialect} ${store.where}\n  ${address}/healthz\n  ${address}/api/v1/places/430321\n  ${address}/api/docs\n`,
  );
  // The evening report freezes itself: checked at start and every minute after.
  const { snapshotWhenDue } = await import('../../app/reports/snapshotWhenDue.js');
  const cutoff = process.env['GRIDVAX_CUTOFF'];
  const freeze = (): void => {
    snapshotWhenDue(store, cutoff)
      .then((ids) => {
        if (ids.length)
          process.stderr.write(`已冻结当日调度报告 froze today's report: campaign ${ids.join(', ')}\n`);
      })
      .catch((e: unknown) =>
        process.stderr.write(`gridvax: 冻结报告失败 snapshot failed: ${(e as Error).message}\n`),
      );
  };
  freeze();
  const timer = setInterval(freeze, 60_000);
  timer.unref();
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  await app.close();
  await store.close();
}

export function registerServe(program: Command): void {
  withDbOption(program.command('serve'))
    .description(
      '服务 Serve the HTTP API (GET /healthz, /api/v1/…, OpenAPI at /api/openapi.json, docs at /api/docs)',
    )
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 for the whole network)', '127.0.0.1')
    .action(action((opts: { db?: string; port?: string; host?: string }) => serveUntilStopped(opts)));
}
