import { useCommand } from '../CommandContext.js';
import { paths, type DailyReport, type ScheduleAnswer, type UnitProgress } from '../commandApi.js';
import { useApi } from '../useApi.js';

/**
 * The dashboard's three reads: progress two levels down first (the battle map, the ranking and
 * the headline: the figures the page is opened for), then, once it has answered, the backward
 * schedule of the unit's units (who is behind) and the day's report model (the 14-day trend,
 * the villages' rates, the answerable cadres). Asked together they would share the server's one
 * thread and slow the first figures down; asked after, they fill in a moment later.
 */
export function useDashboardData(refreshMs?: number) {
  const { campaignId, today, home } = useCommand();
  const ready = campaignId !== undefined && home !== undefined;
  const options = { refreshMs };
  const progress = useApi<UnitProgress>(ready ? paths.progress(campaignId, home, 2) : null, options);
  const then = ready && (progress.data !== undefined || progress.error !== undefined);
  const schedule = useApi<ScheduleAnswer>(then ? paths.schedule(campaignId, home) : null, options);
  const report = useApi<DailyReport>(
    then && today !== undefined ? paths.report(campaignId, today, home) : null,
    options,
  );
  return { home, today, progress, schedule, report };
}
