/**
 * A site's comfort and supply checklist (接种现场保障), checked each day: in August 2021 people
 * queued for hours in the heat, many of them over sixty, and the report of 10 August 2021
 * (shared/seed/) lists what the townships put up for them:
 * - 锦石乡: "安装50米长遮阳棚、5台冷风机，为接种人群提供面包、矿泉水、凉茶、藿香正气水等防暑物资";
 * - 谭家山镇: "设置一米线", "在卫生院外搭建了多个凉棚，并在室内开放空调，室外提供风扇",
 *   "镇卫生院专门配备了血压计、心电图测量仪器等医疗设备，在接种前确保切实做好相关体检，仔细询问
 *   每一位接种人员的既往病史、接种禁忌事项".
 * The last two are the screening the 60-and-over need before a dose (the 2021 guideline's
 * contraindication questions), so the cuff and the doctor asking them belong on the list too.
 */
import { parseDate, type CalendarDate } from './calendar.js';
import { invalidInput, type Bilingual } from './errors.js';

export const CHECKLIST_ITEMS = [
  'shade',
  'cooling',
  'drinking-water',
  'heatstroke-remedies',
  'one-metre-line',
  'blood-pressure-cuff',
  'doctor-on-duty',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_LABELS: Readonly<Record<ChecklistItem, Bilingual>> = {
  shade: { zh: '遮阳棚/凉棚', en: 'shade over the queue' },
  cooling: { zh: '风扇/空调/冷风机', en: 'fans or air-conditioning' },
  'drinking-water': { zh: '饮用水（矿泉水、凉茶）', en: 'drinking water' },
  'heatstroke-remedies': { zh: '防暑药品（藿香正气水等）', en: 'heatstroke remedies' },
  'one-metre-line': { zh: '一米线', en: 'one-metre distance line' },
  'blood-pressure-cuff': { zh: '血压计', en: 'blood-pressure cuff' },
  'doctor-on-duty': {
    zh: '医生在岗问诊（既往病史、禁忌）',
    en: 'doctor on duty for the screening questions',
  },
};

export const isChecklistItem = (v: string): v is ChecklistItem =>
  (CHECKLIST_ITEMS as readonly string[]).includes(v);

export interface CheckInput {
  item: string;
  ok: boolean;
  note?: string | null | undefined;
}

export interface Check {
  item: ChecklistItem;
  ok: boolean;
  note: string | null;
}

export const MAX_CHECK_NOTE = 500;

/** A day's checks as entered: known items, each once; an item not in order says why in its note. */
export function validChecksOrThrow(checks: readonly CheckInput[]): Check[] {
  if (checks.length === 0) {
    throw invalidInput({
      code: 'checklist.empty',
      field: 'items',
      message: { zh: '请至少填写一项检查', en: 'check at least one item' },
    });
  }
  const seen = new Set<string>();
  return checks.map((c, i) => {
    if (!isChecklistItem(c.item)) {
      throw invalidInput({
        code: 'checklist.item',
        field: 'item',
        row: i + 1,
        message: {
          zh: `检查项应为 ${CHECKLIST_ITEMS.join('、')} 之一：${c.item}`,
          en: `item must be one of ${CHECKLIST_ITEMS.join(', ')}: ${c.item}`,
        },
      });
    }
    if (seen.has(c.item)) {
      throw invalidInput({
        code: 'checklist.duplicate',
        field: 'item',
        row: i + 1,
        message: { zh: `检查项 ${c.item} 出现了两次`, en: `item ${c.item} is checked twice` },
      });
    }
    seen.add(c.item);
    const note = c.note?.trim() ?? '';
    if (note.length > MAX_CHECK_NOTE) {
      throw invalidInput({
        code: 'checklist.note',
        field: 'note',
        row: i + 1,
        message: {
          zh: `备注不超过 ${MAX_CHECK_NOTE} 字`,
          en: `a note has at most ${MAX_CHECK_NOTE} characters`,
        },
      });
    }
    return { item: c.item, ok: c.ok, note: note === '' ? null : note };
  });
}

export interface ChecklistLine {
  item: ChecklistItem;
  label: Bilingual;
  /** null: nobody has checked it that day. */
  ok: boolean | null;
  note: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
}

export interface ChecklistDay {
  day: CalendarDate;
  items: ChecklistLine[];
  /** Checked and not in order. */
  missing: ChecklistItem[];
  /** Not checked that day: not known to be in order either. */
  unchecked: ChecklistItem[];
  /** Every item checked and in order. */
  complete: boolean;
}

/** The day's list in CHECKLIST_ITEMS order, from the checks stored for it. */
export function checklistDay(
  day: CalendarDate,
  stored: readonly { item: string; ok: boolean; note: string | null; checkedBy: string; checkedAt: string }[],
): ChecklistDay {
  const byItem = new Map(stored.map((s) => [s.item, s]));
  const items = CHECKLIST_ITEMS.map((item): ChecklistLine => {
    const s = byItem.get(item);
    return {
      item,
      label: CHECKLIST_LABELS[item],
      ok: s ? s.ok : null,
      note: s?.note ?? null,
      checkedBy: s?.checkedBy ?? null,
      checkedAt: s?.checkedAt ?? null,
    };
  });
  const missing = items.filter((i) => i.ok === false).map((i) => i.item);
  const unchecked = items.filter((i) => i.ok === null).map((i) => i.item);
  return { day, items, missing, unchecked, complete: missing.length === 0 && unchecked.length === 0 };
}

/** A real day for a checklist. */
export function checklistDayOrThrow(day: string): CalendarDate {
  if (!parseDate(day)) {
    throw invalidInput({
      code: 'checklist.day',
      field: 'day',
      message: { zh: `日期无效：${day}`, en: `not a date: ${day}` },
    });
  }
  return day;
}
