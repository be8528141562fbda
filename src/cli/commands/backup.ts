import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { backupSqlite, postgresRefusal, type BackupCounts } from '../../app/backup/backup.js';
import { restoreSqlite } from '../../app/backup/restore.js';
import { notFound } from '../../domain/errors.js';
import { resolveStoreLocation } from '../../store/dialect.js';
import { openStore } from '../../store/openStore.js';
import { action, printJsonLine } from '../output.js';
import { terminalProgress } from '../progress.js';
import { withDbOption } from '../storeOption.js';

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;

const countsLine = (c: BackupCounts): string =>
  `区划 places ${c.places} · 居民 residents ${c.residents} · 摸排 visits ${c.visits} · 接种 doses ${c.doses}`;

export function registerBackup(program: Command): void {
  withDbOption(program.command('backup'))
    .description(
      '备份 Copy the SQLite database to FILE while the server keeps serving, then verify the copy; ' +
        'PostgreSQL: use pg_dump (README, "Backup and restore")',
    )
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--force', 'replace FILE if it exists')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { db?: string; out: string; force?: boolean; json?: boolean }) => {
        const loc = resolveStoreLocation(opts.db);
        if (loc.dialect === 'postgres') throw postgresRefusal('backup');
        // Opening a missing file would create an empty database, and back that up.
        if (!existsSync(loc.target)) {
          throw notFound({
            code: 'backup.no-database',
            field: 'db',
            message: { zh: `数据库不存在：${loc.target}`, en: `no database at ${loc.target}` },
          });
        }
        // As it is: a backup copies the database, it does not upgrade it.
        const store = await openStore(loc, { migrate: false });
        const progress = terminalProgress(!opts.json);
        let shown = 0;
        let total = -1;
        let report;
        try {
          report = await backupSqlite(store, opts.out, {
            ...(opts.force ? { force: true } : {}),
            onProgress(copied, pages) {
              if (pages !== total || copied < shown) {
                progress.stage('备份 backup', pages);
                total = pages;
                shown = 0;
              }
              progress.tick(copied - shown);
              shown = copied;
            },
          });
        } finally {
          progress.done();
          await store.close();
        }
        if (opts.json) return printJsonLine(report);
        process.stdout.write(
          [
            `备份完成 backup written: ${report.file} (${size(report.bytes)})`,
            `  完整性 integrity ${report.integrity} · 结构版本 schema ${report.schemaVersion}`,
            `  ${countsLine(report.counts)}`,
          ].join('\n') + '\n',
        );
      }),
    );

  withDbOption(program.command('restore'))
    .description(
      '恢复 Restore a backup made by `gridvax backup` as the database (stop the server first); ' +
        'an older backup is migrated when next opened, a newer one is refused',
    )
    .argument('<file>', 'the backup file')
    .option('--force', 'replace the database if it exists')
    .option('--json', 'print one JSON object')
    .action(
      action(async (file: string, opts: { db?: string; force?: boolean; json?: boolean }) => {
        const loc = resolveStoreLocation(opts.db);
        if (loc.dialect === 'postgres') throw postgresRefusal('restore');
        const target = resolve(loc.target);
        if (loc.isDefault && !existsSync(dirname(target))) mkdirSync(dirname(target), { recursive: true });
        const report = await restoreSqlite(file, target, opts.force ? { force: true } : {});
        if (opts.json) return printJsonLine(report);
        const lines = [
          `恢复完成 restored: ${report.from} → ${report.target}${report.replaced ? ' (已覆盖 replaced)' : ''}`,
          `  结构版本 schema ${report.schemaVersion} · ${countsLine(report.counts)}`,
        ];
        if (report.pendingMigrations.length > 0) {
          lines.push(
            `  下次打开时升级 will be migrated when next opened: ${report.pendingMigrations.join(', ')}`,
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
