/**
 * A village's notice for its WeChat groups on a day (「通过社区网格微信群……每日定期发布接种信息」,
 * shared/seed/): generated from where the village stands now — done, open, unscreened — the sites
 * and hours of its township and the campaign's deadline (src/domain/villageNotice.ts). A village
 * head may edit the day's text; the edit is stored and sent instead, and the generated text stays
 * beside it so the edit can be compared or dropped.
 */
import { parseDate, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput, type Bilingual } from '../../domain/errors.js';
import { validNoticeText, villageNoticeText, type NoticeSite } from '../../domain/villageNotice.js';
import type { CampaignTarget } from '../../domain/vaccines/doseWindows.js';
import {
  deleteNoticeEdit,
  findNoticeEdit,
  saveNoticeEdit,
  townshipSites,
} from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { findPlace } from '../../store/placeQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { progressOf } from '../progress/progressOf.js';
import type { Scope } from '../records/findResident.js';
import { requireVillage } from './requireVillage.js';

export interface NoticeEdit {
  zh: string;
  en: string | null;
  editedAt: string;
  editedBy: string;
}

export interface VillageNotice {
  village: { code: string; name: string; shortName: string };
  township: { code: string; shortName: string };
  date: CalendarDate;
  campaignId: number;
  /** What to send: the day's edit when there is one, else the generated text. */
  text: Bilingual;
  edited: boolean;
  edit: NoticeEdit | null;
  generated: Bilingual;
  /** What the generated text was made from (figures as they stand now). */
  facts: {
    done: number;
    open: number;
    unscreened: number;
    eligible: number;
    deadline: CalendarDate;
    sites: NoticeSite[];
  };
}

function dayOf(store: Store, date: string | undefined): CalendarDate {
  if (date === undefined) return shanghaiDate(store.now());
  if (!parseDate(date)) {
    throw invalidInput({
      code: 'notice.date',
      field: 'date',
      message: { zh: `日期应为 YYYY-MM-DD：${date}`, en: `a date is YYYY-MM-DD: ${date}` },
    });
  }
  return date;
}

export async function villageNotice(
  store: Store,
  input: { village: string; campaignId: number; date?: CalendarDate; scope?: Scope },
): Promise<VillageNotice> {
  const village = await requireVillage(store, input.village, input.scope);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const date = dayOf(store, input.date);
  const townshipCode = village.code.slice(0, 9);
  const [progress, township, sites, edit] = await Promise.all([
    progressOf(store, Number(campaign.id), village.code, 0, input.scope),
    findPlace(store, townshipCode),
    townshipSites(store.db, townshipCode),
    findNoticeEdit(store.db, village.code, date),
  ]);
  const townshipName = township?.short_name ?? townshipCode;
  const generated = villageNoticeText({
    date,
    villageName: village.short_name,
    townshipName,
    campaign: { target: campaign.target as CampaignTarget, deadline: campaign.deadline },
    done: progress.done,
    open: progress.open,
    unscreened: progress.unscreened,
    sites,
  });
  const e: NoticeEdit | null = edit
    ? { zh: edit.text_zh, en: edit.text_en, editedAt: edit.edited_at, editedBy: edit.edited_by }
    : null;
  return {
    village: { code: village.code, name: village.name, shortName: village.short_name },
    township: { code: townshipCode, shortName: townshipName },
    date,
    campaignId: Number(campaign.id),
    // An edit without an English rendering keeps the generated one beside it, marked by `edit.en: null`.
    text: e ? { zh: e.zh, en: e.en ?? generated.en } : generated,
    edited: e !== null,
    edit: e,
    generated,
    facts: {
      done: progress.done,
      open: progress.open,
      unscreened: progress.unscreened,
      eligible: progress.eligible,
      deadline: campaign.deadline,
      sites,
    },
  };
}

/** Stores the day's edited text (replacing an earlier edit of the same day). */
export async function editVillageNotice(
  store: Store,
  input: { village: string; date?: CalendarDate; zh: string; en?: string | null; by: string; scope?: Scope },
): Promise<NoticeEdit & { village: string; date: CalendarDate }> {
  const village = await requireVillage(store, input.village, input.scope);
  const date = dayOf(store, input.date);
  const text = validNoticeText(input.zh, input.en);
  const editedAt = store.now().toISOString();
  await store.write((trx) =>
    saveNoticeEdit(trx, {
      village_code: village.code,
      date,
      text_zh: text.zh,
      text_en: text.en,
      edited_at: editedAt,
      edited_by: input.by,
    }),
  );
  return { village: village.code, date, zh: text.zh, en: text.en, editedAt, editedBy: input.by };
}

/** Drops the day's edit, so the generated text is sent again; says whether there was one. */
export async function clearVillageNoticeEdit(
  store: Store,
  input: { village: string; date?: CalendarDate; scope?: Scope },
): Promise<{ village: string; date: CalendarDate; cleared: boolean }> {
  const village = await requireVillage(store, input.village, input.scope);
  const date = dayOf(store, input.date);
  const cleared = await store.write((trx) => deleteNoticeEdit(trx, village.code, date));
  return { village: village.code, date, cleared };
}
