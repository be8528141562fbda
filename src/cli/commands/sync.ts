import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { devicesReport } from '../../app/sync/devices.js';
import { syncBatch } from '../../app/sync/syncBatch.js';
import { invalidInput } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { placeCode, text } from './flags.js';
import { renderTable } from './table.js';

type SyncItems = Parameters<typeof syncBatch>[1]['items'];

/**
 * The items of a batch file `{ "items": [...] }`, as a phone would send them. Only the outer
 * shape is checked here; each item is checked by syncBatch and answered on its own line.
 */
async function readBatch(file: string): Promise<SyncItems> {
  const refuse = (zh: string, en: string): never => {
    throw invalidInput({ code: 'sync.file', field: 'file', file, message: { zh, en } });
  };
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    return refuse(`无法读取文件：${(e as Error).message}`, `cannot read the file: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return refuse(`不是有效的 JSON：${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`);
  }
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return refuse('应为 {"items": [...]}', 'expected {"items": [...]}');
  return items as SyncItems;
}

export function registerSync(program: Command): void {
  const sync = withDbOption(program.command('sync'));
  sync
    .description(
      '导入批次 Import a batch of visits and doses recorded offline, answering item by item.\n' +
        'The file is {"items":[…]} as a phone sends it. Each item names its resident either by ' +
        '"idNumber" (the full ID number) or by "resident": {"county":"430321","id":123} (the key the ' +
        'worklist gives), not both; 每条记录用身份证号 idNumber 或居民编号 resident 之一指明居民. ' +
        'Each item is answered on its own: stored, duplicate (sent before), rejected or conflict; one bad item ' +
        'never sinks the others, and the exit code is 0 once the batch was read.',
    )
    .requiredOption('--file <path>', 'the batch file')
    .requiredOption('--device <id>', 'the device that recorded it')
    .option('--user <name>', 'the grid member who used the device')
    .option(
      '--json',
      'one JSON object per item, in file order: {"id","kind","result"} or {"id","kind","result","error":{"code","message"}}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; file: string; device: string; user?: string }) => {
        const deviceId = text(opts.device, 'device');
        const items = await readBatch(opts.file);
        const r = await withStore(opts, (store) =>
          syncBatch(store, { deviceId, items, ...(opts.user === undefined ? {} : { userName: opts.user }) }),
        );
        if (opts.json) {
          for (const item of r.results) printJsonLine(item);
          return;
        }
        process.stdout.write(
          `收到 received ${r.received} · 已存 stored ${r.stored} · 重复 duplicates ${r.duplicates} · ` +
            `拒收 rejected ${r.rejected} · 冲突 conflicts ${r.conflicts}\n`,
        );
        for (const item of r.results) {
          if ('error' in item)
            process.stdout.write(
              `${item.id}\t${item.result}\t${item.error.message} / ${item.error.messageEn}\n`,
            );
        }
      }),
    );

  const devices = withDbOption(program.command('devices'));
  devices
    .description(
      '设备 The phones that sync: when each last reported, how many batches and items, and whether today',
    )
    .option('--place <code>', 'only devices that reported records under this place')
    .option(
      '--json',
      'one JSON object per device: {"deviceId","userName","lastSyncAt","batches","items","reportedToday"}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; place?: string }) => {
        const place = opts.place === undefined ? undefined : placeCode(opts.place);
        const devices = await withStore(opts, (store) =>
          devicesReport(store, place === undefined ? {} : { place }),
        );
        if (opts.json) {
          for (const d of devices) printJsonLine(d);
          return;
        }
        process.stdout.write(
          renderTable(
            ['设备 device', '使用人 user', '最近同步 last sync', '批次 batches', '条目 items', '今日 today'],
            devices.map((d) => [
              d.deviceId,
              d.userName ?? '',
              d.lastSyncAt ?? '',
              String(d.batches),
              String(d.items),
              d.reportedToday ? '✓' : '·',
            ]),
            ['left', 'left', 'left', 'right', 'right'],
          ),
        );
      }),
    );
  summarize(sync);
  summarize(devices);
}
