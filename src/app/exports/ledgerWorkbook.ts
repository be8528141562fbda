/**
 * `gridvax export ledger`: the close-out ledger (销号台账) of a unit as the workbook a village
 * office prints and files.
 *
 * - 汇总: one row per village (per grid for a village), the campaign figures and how many are
 *   still on the ledger, and the unit's total;
 * - one sheet per village (per grid when the unit is a village; the grid alone for a grid): its
 *   residents in the campaign — everyone it counts except the ineligible — in ledger order
 *   (grid, household, name), each with where they stand and the ledger column: 待销号 (on the
 *   ledger today, exactly the entries `ledgerOf` lists, in its order), 已销号 (closed, with when,
 *   by whom and why, from `ledgerHistory`), 可销号 (the facts close the entry, nobody has yet);
 * - 销号记录: every closure made in the unit, oldest first (a resident can be closed twice).
 *
 * Rows are read a page at a time and written as they are read: a township's ledger streams.
 */
import type { Writable } from 'node:stream';
import { REASON_LABELS, STATUS_LABELS } from '../../domain/campaignStatus.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import { MAX_PAGE } from '../../store/residentListQueries.js';
import { ledgerHistory, type LedgerClosure } from '../ledger/closeEntry.js';
import { ledgerEntry } from '../ledger/ledgerOf.js';
import { progressOf } from '../progress/progressOf.js';
import type { UnitProgress } from '../progress/unitProgress.js';
import type { Scope } from '../records/findResident.js';
import {
  campaignExportUnit,
  gridName,
  sheetUnitName,
  sheetUnits,
  type ExportUnit,
  type PlaceName,
} from './exportUnit.js';
import {
  SEX_LABELS,
  householdNumber,
  GAP,
  maskingNote,
  personalData,
  safeFileName,
  shanghaiDateTime,
} from './exportFormat.js';
import { residentsOf, rosterPage } from './exportQueries.js';
import { SheetWriter, uniqueSheetName, workbookWriter, type Column } from './xlsxSheet.js';

export interface WorkbookExportInput {
  campaignId: number;
  place: string;
  scope?: Scope;
  /** Full ID and phone numbers; masked otherwise. */
  unmasked?: boolean;
}

export interface WorkbookSummary {
  sheets: { name: string; rows: number }[];
}

/** An export checked and ready: its file names, and the writer that streams it to `out`. */
export interface PreparedWorkbook {
  /** 湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx */
  fileName: string;
  /** ledger_430321205206_2021-08-09.xlsx, for clients that cannot take the Chinese one. */
  asciiFileName: string;
  write(out: Writable): Promise<WorkbookSummary>;
}

/** Rows per read: a village's roster in one or two reads, a township's in tens. */
const PAGE = 2000;

/** The ledger column. */
export const LEDGER_MARKS = { open: '待销号', closed: '已销号', closable: '可销号' } as const;

export const LEDGER_COLUMNS: readonly Column[] = [
  { header: '序号', width: 7 },
  { header: '网格', width: 12 },
  { header: '户号', width: 8 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '年龄', width: 6 },
  { header: '身份证号', width: 21 },
  { header: '联系电话', width: 14 },
  { header: '接种状态', width: 10 },
  { header: '情况说明', width: 24 },
  { header: '回访日期', width: 12 },
  { header: '回访到期', width: 9 },
  { header: '暂缓至', width: 12 },
  { header: '预约日期', width: 12 },
  { header: '最近摸排', width: 17 },
  { header: '台账', width: 8 },
  { header: '销号时间', width: 17 },
  { header: '销号人', width: 12 },
  { header: '销号原因', width: 20 },
];

const SUMMARY_COLUMNS: readonly Column[] = [
  { header: '单位', width: 22 },
  { header: '代码', width: 17 },
  { header: '任务数', width: 9 },
  { header: '应接种', width: 9 },
  { header: '已接种', width: 9 },
  { header: '免接种', width: 9 },
  { header: '暂缓接种', width: 10 },
  { header: '待接种', width: 9 },
  { header: '未摸排', width: 9 },
  { header: '待销号', width: 9 },
  { header: '双清零', width: 8 },
];

const CLOSURE_COLUMNS: readonly Column[] = [
  { header: '序号', width: 7 },
  { header: '销号时间', width: 17 },
  { header: '网格', width: 12 },
  { header: '姓名', width: 10 },
  { header: '身份证号', width: 21 },
  { header: '销号人', width: 12 },
  { header: '销号原因', width: 24 },
  { header: '销号前状态', width: 20 },
  { header: '当前状态', width: 10 },
];

/** Levels from a unit down to the units that get a sheet (a county's villages are two down). */
const SHEET_DEPTH: Record<string, number> = { county: 2, township: 1, village: 1, grid: 0 };

/** A status or reason code in Chinese (拒绝或犹豫, 未摸排 …), or the code itself when unknown. */
function labelOf(code: string): string {
  if (code in REASON_LABELS) return REASON_LABELS[code as keyof typeof REASON_LABELS].zh;
  if (code in STATUS_LABELS) return STATUS_LABELS[code as keyof typeof STATUS_LABELS].zh;
  return code;
}

function progressByCode(root: UnitProgress): Map<string, UnitProgress> {
  const out = new Map<string, UnitProgress>();
  const walk = (u: UnitProgress): void => {
    out.set(u.code, u);
    for (const c of u.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

function summaryRow(label: string, u: UnitProgress): (string | number | null)[] {
  return [
    label,
    u.code,
    u.task,
    u.eligible,
    u.done,
    u.exempt,
    u.deferred,
    u.open,
    u.unscreened,
    u.open + u.unscreened,
    u.eligible > 0 && u.doubleCleared ? '是' : '否',
  ];
}

/** Checks the campaign and the unit (in the caller's scope), then hands back the writer. */
export async function prepareLedgerWorkbook(
  store: Store,
  input: WorkbookExportInput,
): Promise<PreparedWorkbook> {
  const { campaign, unit } = await campaignExportUnit(store, input.campaignId, input.place, input.scope);
  const unmasked = input.unmasked === true;
  // SECURITY (security issue): `unmasked` puts full ID and phone numbers in a file that leaves
  // the system. That issue restricts it to the roles allowed to see them and writes the audit
  // entry (who, which unit, when) here, before anything is written; until then every caller may.
  const progress = await progressOf(
    store,
    Number(campaign.id),
    unit.place.code,
    SHEET_DEPTH[unit.place.level] ?? 1,
    input.scope,
  );
  return {
    fileName: safeFileName(`${unit.fullName}_销号台账_${unit.today}.xlsx`),
    asciiFileName: `ledger_${unit.place.code}_${unit.today}.xlsx`,
    write: (out) =>
      writeLedgerWorkbook(store, { campaign, unit, progress, unmasked, scope: input.scope }, out),
  };
}

interface Plan {
  campaign: CampaignRow;
  unit: ExportUnit;
  progress: UnitProgress;
  unmasked: boolean;
  scope: Scope;
}

async function writeLedgerWorkbook(store: Store, plan: Plan, out: Writable): Promise<WorkbookSummary> {
  const { campaign, unit, progress } = plan;
  const wb = workbookWriter(out);
  const taken = new Set<string>();
  const sheets: WorkbookSummary['sheets'] = [];
  const title = `${unit.fullName}${GAP}${campaign.name}${GAP}销号台账`;
  const subtitle = `接种任务编号 ${campaign.id}${GAP}截至 ${unit.today}${GAP}${maskingNote(plan.unmasked)}`;
  const byCode = progressByCode(progress);
  const units = sheetUnits(unit).filter((u) => (byCode.get(u.code)?.eligible ?? 0) > 0);

  const summary = new SheetWriter(wb, uniqueSheetName(taken, '汇总'), title, subtitle, SUMMARY_COLUMNS);
  for (const u of sheetUnits(unit)) {
    const p = byCode.get(u.code);
    if (p) summary.add(summaryRow(sheetUnitName(unit, u), p));
  }
  if (unit.place.level !== 'grid') summary.add(summaryRow(`合计（${unit.fullName}）`, progress));
  summary.commit();
  sheets.push({ name: '汇总', rows: summary.rows });

  for (const sub of units) {
    const name = uniqueSheetName(taken, sheetUnitName(unit, sub));
    const rows = await writeRosterSheet(store, plan, wb, name, sub, out);
    sheets.push({ name, rows });
  }

  const closuresName = uniqueSheetName(taken, '销号记录');
  sheets.push({ name: closuresName, rows: await writeClosuresSheet(store, plan, wb, closuresName, out) });
  await wb.commit();
  return { sheets };
}

/** Every closure of a unit's residents, oldest first, a page at a time. */
async function* closuresOf(store: Store, plan: Plan, place: string): AsyncGenerator<LedgerClosure[]> {
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await ledgerHistory(store, {
      campaignId: Number(plan.campaign.id),
      place,
      limit: MAX_PAGE,
      offset,
      ...(plan.scope ? { scope: plan.scope } : {}),
    });
    if (page.length) yield page;
    if (page.length < MAX_PAGE) return;
  }
}

async function writeRosterSheet(
  store: Store,
  plan: Plan,
  wb: ReturnType<typeof workbookWriter>,
  name: string,
  sub: PlaceName,
  out: Writable,
): Promise<number> {
  const { campaign, unit } = plan;
  // The latest closure of each resident of this village: a village's closures are hundreds.
  const closed = new Map<number, LedgerClosure>();
  for await (const page of closuresOf(store, plan, sub.code))
    for (const c of page) closed.set(c.residentId, c);

  const title = `${unit.fullName}${sub.code === unit.place.code ? '' : sheetUnitName(unit, sub)}${GAP}${campaign.name}${GAP}销号台账`;
  const subtitle = `接种任务编号 ${campaign.id}${GAP}截至 ${unit.today}${GAP}${maskingNote(plan.unmasked)}`;
  const sheet = new SheetWriter(wb, name, title, subtitle, LEDGER_COLUMNS);
  for (let offset = 0; ; offset += PAGE) {
    const rows = await rosterPage(store.db, Number(campaign.id), sub.code, offset, PAGE);
    for (const r of rows) {
      const e = ledgerEntry(r, campaign, unit.today, plan.unmasked);
      const onLedger = e.status === 'open' || e.status === 'unscreened';
      const closure = onLedger ? undefined : closed.get(e.residentId);
      sheet.add([
        sheet.rows + 1,
        gridName(unit, e.gridCode),
        householdNumber(e.householdId, e.gridCode),
        e.name,
        SEX_LABELS[e.sex],
        e.age,
        e.idNumber,
        e.phone,
        STATUS_LABELS[e.status].zh,
        e.reasonLabel?.zh ?? null,
        e.followUpDate,
        e.followUpDue ? '是' : null,
        e.status === 'deferred' ? e.untilDate : null,
        e.bookedDate,
        shanghaiDateTime(e.lastVisitAt),
        onLedger ? LEDGER_MARKS.open : closure ? LEDGER_MARKS.closed : LEDGER_MARKS.closable,
        closure ? shanghaiDateTime(closure.at) : null,
        closure?.closedBy ?? null,
        closure?.reason ?? null,
      ]);
    }
    await sheet.settle(out);
    if (rows.length < PAGE) break;
  }
  sheet.commit();
  return sheet.rows;
}

async function writeClosuresSheet(
  store: Store,
  plan: Plan,
  wb: ReturnType<typeof workbookWriter>,
  name: string,
  out: Writable,
): Promise<number> {
  const { campaign, unit } = plan;
  const mask = personalData(plan.unmasked);
  const sheet = new SheetWriter(
    wb,
    name,
    `${unit.fullName}${GAP}${campaign.name}${GAP}销号记录`,
    `接种任务编号 ${campaign.id}${GAP}截至 ${unit.today}${GAP}${maskingNote(plan.unmasked)}`,
    CLOSURE_COLUMNS,
  );
  for await (const page of closuresOf(store, plan, unit.place.code)) {
    const who = await residentsOf(
      store.db,
      unit.county,
      page.map((c) => c.residentId),
    );
    for (const c of page) {
      const r = who.get(c.residentId);
      sheet.add([
        sheet.rows + 1,
        shanghaiDateTime(c.at),
        r ? gridName(unit, r.gridCode) : null,
        r?.name ?? null,
        r ? mask.id(r.idNumber) : null,
        c.closedBy,
        c.reason,
        labelOf(c.reasonBefore ?? c.statusBefore),
        labelOf(c.statusNow),
      ]);
    }
    await sheet.settle(out);
  }
  sheet.commit();
  return sheet.rows;
}
