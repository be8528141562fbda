import type { Command } from 'commander';
import { stats } from '../../app/stats.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';

export function registerStats(program: Command): void {
  withDbOption(program.command('stats'))
    .description('统计 What the database holds: places by level, households, residents, visits, doses')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean }) => {
        const s = await withStore(opts, stats);
        if (opts.json) return printJsonLine(s);
        const lines = [
          `数据库 database     ${s.database.dialect} ${s.database.where}`,
          `区划 places         县 ${s.places.county} · 乡镇 ${s.places.township} · 村社区 ${s.places.village} · 网格 ${s.places.grid}`,
          `户 households       ${s.households}`,
          `居民 residents      ${s.residents} (在册 active ${s.residentsByStatus.active} · 迁出 moved out ${s.residentsByStatus.movedOut} · 死亡 deceased ${s.residentsByStatus.deceased})`,
          `接种任务 campaigns  ${s.campaigns}`,
          `摸排记录 visits     ${s.screeningVisits}`,
          `接种记录 doses      ${s.doseRecords}`,
          `用户 users          ${s.users}`,
          `当前时间 now        ${s.pinnedNow ? `${s.pinnedNow} (pinned)` : 'real time'}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
