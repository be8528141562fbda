/**
 * A site's comfort and supply checklist for a day (src/domain/sitesChecklist.ts): items checked
 * in order or not, with a note; the day shows what is missing and what nobody has checked.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import { businessRule, invalidInput } from '../../domain/errors.js';
import {
  checklistDay,
  checklistDayOrThrow,
  validChecksOrThrow,
  type CheckInput,
  type ChecklistDay,
} from '../../domain/sitesChecklist.js';
import { checksOf, writeChecks } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireSite } from './requireSite.js';

export type SiteChecklistDay = ChecklistDay & { siteId: number; siteName: string };

export async function siteChecklist(
  store: Store,
  input: { siteId: number; day: string; scope?: Scope },
): Promise<SiteChecklistDay> {
  const day = checklistDayOrThrow(input.day);
  const site = await requireSite(store, input.siteId, input.scope);
  const siteId = Number(site.id);
  return { siteId, siteName: site.name, ...checklistDay(day, await checksOf(store.db, siteId, day)) };
}

/**
 * Records the day's checks (the items given; the others keep what they had). A check is of what
 * is there, so a day after today is refused (`checklist.future-day`). Returns the day's list and
 * what each item was before, for the audit log.
 */
export async function checkSite(
  store: Store,
  input: { siteId: number; day: string; items: readonly CheckInput[]; by: string; scope?: Scope },
): Promise<{ checklist: SiteChecklistDay; before: SiteChecklistDay }> {
  const day = checklistDayOrThrow(input.day);
  const checks = validChecksOrThrow(input.items);
  const by = input.by.trim();
  if (by === '') {
    throw invalidInput({
      code: 'checklist.by',
      field: 'by',
      message: { zh: '请填写检查人', en: 'say who checks' },
    });
  }
  const site = await requireSite(store, input.siteId, input.scope, 'run');
  const today = shanghaiDate(store.now());
  if (day > today) {
    throw businessRule({
      code: 'checklist.future-day',
      field: 'day',
      message: { zh: `${day} 还没到（今天是 ${today}）`, en: `${day} has not come yet (today is ${today})` },
    });
  }
  const siteId = Number(site.id);
  const before = { siteId, siteName: site.name, ...checklistDay(day, await checksOf(store.db, siteId, day)) };
  await store.transaction((trx) => writeChecks(trx, siteId, day, checks, by, store.now().toISOString()));
  return {
    checklist: { siteId, siteName: site.name, ...checklistDay(day, await checksOf(store.db, siteId, day)) },
    before,
  };
}
