/**
 * The day's queue in the order the site works it: those in observation first (the soonest to
 * leave on top, the timers a nurse watches), then those waiting for the nurse or the doctor, then
 * those waiting for their dose, then those done, then those not vaccinated today.
 */
import type { CheckinView, Stage } from './siteApi.js';

export const QUEUE_GROUPS = ['observing', 'waiting', 'awaiting-dose', 'done', 'not-vaccinated'] as const;
export type QueueGroup = (typeof QUEUE_GROUPS)[number];

export const groupOf = (stage: Stage): QueueGroup =>
  stage === 'checked-in' || stage === 'screened' ? 'waiting' : stage;

export function groupQueue(items: readonly CheckinView[]): { group: QueueGroup; items: CheckinView[] }[] {
  return QUEUE_GROUPS.map((group) => {
    const inGroup = items.filter((c) => groupOf(c.stage) === group);
    if (group === 'observing')
      inGroup.sort((a, b) => (a.observation?.endsAt ?? '').localeCompare(b.observation?.endsAt ?? ''));
    return { group, items: inGroup };
  }).filter((g) => g.items.length > 0);
}
