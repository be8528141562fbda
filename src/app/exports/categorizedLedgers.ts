/**
 * `gridvax export ledgers`: the categorized ledgers (分门别类的台账) a village keeps beside its
 * close-out ledger, one sheet each, for the unit asked for:
 *
 * - 户籍人口: the register's residents whose household registration (户籍) is in this county;
 * - 流入人口: those registered elsewhere who live here (人户分离, registered_area_code ≠ county);
 * - 外出人员: residents whose latest screening visit found them away (where, back when);
 * - 已接种 / 未接种: the campaign's residents by dose status (campaign_residents): done, and every
 *   other eligible resident (open, unscreened, deferred or exempt, with why);
 * - 禁忌人员: contraindicated — exempt for a permanent contraindication, or deferred for a
 *   temporary one (with the day the deferral ends).
 *
 * The register sheets hold everyone on the register under the unit, moved out and deceased
 * included (with their status): a register keeps its history. The campaign sheets leave the
 * ineligible out. Each sheet is read a page at a time in (grid, resident) keyset order and
 * written as it is read.
 */
import type { Writable } from 'node:stream';
import type { Expression, SqlBool } from 'kysely';
import { ageOn } from '../../domain/age.js';
import { REASON_LABELS, STATUS_LABELS } from '../../domain/campaignStatus.js';
import { CONTRAINDICATIONS, type ContraindicationCode } from '../../domain/screening.js';
import { productByCode } from '../../domain/vaccines/catalog.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import { statusToday, type NamedStatusRow } from '../../store/ledgerQueries.js';
import type { Store } from '../../store/openStore.js';
import { campaignPage, registerPage, type RegisterRow } from '../../store/residentListQueries.js';
import { campaignExportUnit, gridName, type ExportUnit } from './exportUnit.js';
import {
  GAP,
  SEX_LABELS,
  householdNumber,
  maskingNote,
  personalData,
  safeFileName,
  shanghaiDateTime,
} from './exportFormat.js';
import {
  campaignWhere,
  dosesOf,
  householdsOf,
  latestVisitsOf,
  type DoseRow,
  type HouseholdInfo,
  type VisitRow,
} from './exportQueries.js';
import type { PreparedWorkbook, WorkbookExportInput, WorkbookSummary } from './ledgerWorkbook.js';
import { SheetWriter, uniqueSheetName, workbookWriter, type CellValue, type Column } from './xlsxSheet.js';

const PAGE = 2000;

export const CATEGORY_SHEETS = ['户籍人口', '流入人口', '外出人员', '已接种', '未接种', '禁忌人员'] as const;

const REGISTER_STATUS_LABELS: Record<RegisterRow['status'], string> = {
  active: '在册',
  'moved-out': '已迁出',
  deceased: '已死亡',
};

/** The columns every sheet starts with: who, and where they live. */
const PERSON_COLUMNS: readonly Column[] = [
  { header: '序号', width: 7 },
  { header: '网格', width: 12 },
  { header: '户号', width: 8 },
  { header: '户主', width: 10 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '年龄', width: 6 },
  { header: '身份证号', width: 21 },
  { header: '联系电话', width: 14 },
  { header: '现住址', width: 30 },
];

interface Context {
  store: Store;
  campaign: CampaignRow;
  unit: ExportUnit;
  unmasked: boolean;
}

/** One page of a sheet: the residents it lists, with the cells after the person columns. */
interface Person {
  id: number;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  gridCode: string;
  householdId: string | null;
}

interface Category {
  sheet: (typeof CATEGORY_SHEETS)[number];
  columns: readonly Column[];
  /** Pages of [person, extra cells]; the age is today's for register sheets, else the campaign's. */
  pages(ctx: Context): AsyncGenerator<[Person, CellValue[]][]>;
  ageAsOf(ctx: Context): string;
}

async function* registerPages(ctx: Context): AsyncGenerator<RegisterRow[]> {
  let after: { grid: string; id: number } | undefined;
  for (;;) {
    const rows = await registerPage(ctx.store.db, ctx.unit.county, ctx.unit.place.code, after, PAGE);
    if (rows.length) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { grid: last.grid_code, id: Number(last.id) };
  }
}

async function* campaignPages(ctx: Context, where: Expression<SqlBool>): AsyncGenerator<NamedStatusRow[]> {
  let after: { grid: string; id: number } | undefined;
  for (;;) {
    const rows = await campaignPage(
      ctx.store.db,
      Number(ctx.campaign.id),
      ctx.unit.place.code,
      where,
      after,
      PAGE,
    );
    if (rows.length) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { grid: last.grid_code, id: Number(last.resident_id) };
  }
}

const fromRegister = (r: RegisterRow): Person => ({
  id: Number(r.id),
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  idNumber: r.id_number,
  phone: r.phone,
  gridCode: r.grid_code,
  householdId: r.household_id,
});

const fromCampaign = (r: NamedStatusRow): Person => ({
  id: Number(r.resident_id),
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  idNumber: r.id_number,
  phone: r.phone,
  gridCode: r.grid_code,
  householdId: r.household_id,
});

const flag = (n: number): string | null => (n ? '是' : null);

function reasonLabel(reason: string | null): string | null {
  return reason !== null && reason in REASON_LABELS
    ? REASON_LABELS[reason as keyof typeof REASON_LABELS].zh
    : reason;
}

function contraindicationLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return code in CONTRAINDICATIONS ? CONTRAINDICATIONS[code as ContraindicationCode].label.zh : code;
}

const today = (ctx: Context): string => ctx.unit.today;
const campaignAge = (ctx: Context): string => ctx.campaign.age_as_of;

/** 户籍人口 / 流入人口: the register, split on where the household registration is. */
function registerCategory(sheet: '户籍人口' | '流入人口', local: boolean): Category {
  return {
    sheet,
    columns: [
      ...PERSON_COLUMNS,
      ...(local ? [] : [{ header: '户籍地代码', width: 12 }]),
      { header: '人员状态', width: 10 },
      { header: '行动不便', width: 9 },
      { header: '偏远', width: 6 },
    ],
    ageAsOf: today,
    async *pages(ctx) {
      for await (const rows of registerPages(ctx)) {
        const kept = rows.filter((r) => (r.registered_area_code === ctx.unit.county) === local);
        yield kept.map((r) => [
          fromRegister(r),
          [
            ...(local ? [] : [r.registered_area_code]),
            REGISTER_STATUS_LABELS[r.status],
            flag(r.limited_mobility),
            flag(r.remote),
          ],
        ]);
      }
    },
  };
}

const AWAY: Category = {
  sheet: '外出人员',
  columns: [
    ...PERSON_COLUMNS,
    { header: '外出地点', width: 20 },
    { header: '预计返回', width: 12 },
    { header: '摸排时间', width: 17 },
    { header: '人员状态', width: 10 },
  ],
  ageAsOf: today,
  async *pages(ctx) {
    for await (const rows of registerPages(ctx)) {
      const latest = await latestVisitsOf(
        ctx.store.db,
        ctx.unit.county,
        rows.map((r) => Number(r.id)),
      );
      const page: [Person, CellValue[]][] = [];
      for (const r of rows) {
        const v: VisitRow | undefined = latest.get(Number(r.id));
        if (v?.outcome !== 'away') continue;
        page.push([
          fromRegister(r),
          [v.place_text, v.until_date, shanghaiDateTime(v.at), REGISTER_STATUS_LABELS[r.status]],
        ]);
      }
      yield page;
    }
  },
};

/** The doses by dose number, the product of the first, the site of the latest. */
function doseCells(doses: readonly DoseRow[]): CellValue[] {
  const on = (n: number): string | null => {
    const d = doses.find((x) => x.dose_number === n);
    return d ? (shanghaiDateTime(d.at)?.slice(0, 10) ?? null) : null;
  };
  const first = doses[0];
  const last = doses.at(-1);
  return [
    first ? (productByCode(first.product)?.shortName.zh ?? first.product) : null,
    on(1),
    on(2),
    on(3),
    doses.length || null,
    last?.site ?? null,
  ];
}

const DOSE_COLUMNS: readonly Column[] = [
  { header: '疫苗名称', width: 12 },
  { header: '第一剂次接种日期', width: 14 },
  { header: '第二剂次接种日期', width: 14 },
  { header: '第三剂次接种日期', width: 14 },
  { header: '已接种剂次', width: 9 },
  { header: '接种单位', width: 20 },
];

const DONE: Category = {
  sheet: '已接种',
  columns: [...PERSON_COLUMNS, { header: '完成日期', width: 12 }, ...DOSE_COLUMNS],
  ageAsOf: campaignAge,
  async *pages(ctx) {
    const where = campaignWhere((eb) => eb('campaign_residents.status', '=', 'done'));
    for await (const rows of campaignPages(ctx, where)) {
      const doses = await dosesOf(
        ctx.store.db,
        ctx.unit.county,
        rows.map((r) => Number(r.resident_id)),
      );
      yield rows.map((r) => [
        fromCampaign(r),
        [r.done_on, ...doseCells(doses.get(Number(r.resident_id)) ?? [])],
      ]);
    }
  },
};

const NOT_DONE: Category = {
  sheet: '未接种',
  columns: [
    ...PERSON_COLUMNS,
    { header: '接种状态', width: 10 },
    { header: '情况说明', width: 24 },
    { header: '回访日期', width: 12 },
    { header: '暂缓至', width: 12 },
    ...DOSE_COLUMNS,
  ],
  ageAsOf: campaignAge,
  async *pages(ctx) {
    const where = campaignWhere((eb) =>
      eb('campaign_residents.status', 'in', ['open', 'unscreened', 'deferred', 'exempt']),
    );
    for await (const rows of campaignPages(ctx, where)) {
      // A full-series or booster campaign's open residents may have had a dose already.
      const doses = await dosesOf(
        ctx.store.db,
        ctx.unit.county,
        rows.map((r) => Number(r.resident_id)),
      );
      yield rows.map((r) => {
        const now = statusToday(r, ctx.unit.today);
        return [
          fromCampaign(r),
          [
            STATUS_LABELS[now.status].zh,
            reasonLabel(now.reason),
            r.follow_up_date,
            now.status === 'deferred' ? r.until_date : null,
            ...doseCells(doses.get(Number(r.resident_id)) ?? []),
          ],
        ];
      });
    }
  },
};

const CONTRAINDICATED: Category = {
  sheet: '禁忌人员',
  columns: [
    ...PERSON_COLUMNS,
    { header: '禁忌类型', width: 10 },
    { header: '禁忌情形', width: 36 },
    { header: '暂缓至', width: 12 },
    { header: '接种状态', width: 10 },
    { header: '摸排时间', width: 17 },
  ],
  ageAsOf: campaignAge,
  async *pages(ctx) {
    const where = campaignWhere((eb) =>
      eb.or([
        eb.and([
          eb('campaign_residents.status', '=', 'exempt'),
          eb('campaign_residents.reason', '=', 'contraindicated-permanent'),
        ]),
        eb('campaign_residents.status', '=', 'deferred'),
      ]),
    );
    for await (const rows of campaignPages(ctx, where)) {
      const latest = await latestVisitsOf(
        ctx.store.db,
        ctx.unit.county,
        rows.map((r) => Number(r.resident_id)),
      );
      yield rows.map((r) => {
        const v = latest.get(Number(r.resident_id));
        const now = statusToday(r, ctx.unit.today);
        const permanent = r.status === 'exempt';
        return [
          fromCampaign(r),
          [
            permanent ? '永久禁忌' : '暂缓接种',
            contraindicationLabel(v?.contraindication),
            permanent ? null : r.until_date,
            STATUS_LABELS[now.status].zh,
            shanghaiDateTime(r.last_visit_at),
          ],
        ];
      });
    }
  },
};

const CATEGORIES: readonly Category[] = [
  registerCategory('户籍人口', true),
  registerCategory('流入人口', false),
  AWAY,
  DONE,
  NOT_DONE,
  CONTRAINDICATED,
];

/** Checks the campaign and the unit (in the caller's scope), then hands back the writer. */
export async function prepareCategorizedLedgers(
  store: Store,
  input: WorkbookExportInput,
): Promise<PreparedWorkbook> {
  const { campaign, unit } = await campaignExportUnit(store, input.campaignId, input.place, input.scope);
  const unmasked = input.unmasked === true;
  // SECURITY (security issue): as for the close-out ledger, `unmasked` is to be restricted to
  // the roles allowed to see full ID and phone numbers, and audited, here.
  const ctx: Context = { store, campaign, unit, unmasked };
  return {
    fileName: safeFileName(`${unit.fullName}_分类台账_${unit.today}.xlsx`),
    asciiFileName: `ledgers_${unit.place.code}_${unit.today}.xlsx`,
    write: (out) => writeCategorizedLedgers(ctx, out),
  };
}

async function writeCategorizedLedgers(ctx: Context, out: Writable): Promise<WorkbookSummary> {
  const { campaign, unit } = ctx;
  const wb = workbookWriter(out);
  const taken = new Set<string>();
  const mask = personalData(ctx.unmasked);
  const sheets: WorkbookSummary['sheets'] = [];
  for (const c of CATEGORIES) {
    const name = uniqueSheetName(taken, c.sheet);
    const sheet = new SheetWriter(
      wb,
      name,
      `${unit.fullName}${GAP}${c.sheet}台账`,
      `${campaign.name}（接种任务编号 ${campaign.id}）${GAP}截至 ${unit.today}${GAP}${maskingNote(ctx.unmasked)}`,
      c.columns,
    );
    const asOf = c.ageAsOf(ctx);
    for await (const page of c.pages(ctx)) {
      const households = await householdsOf(
        ctx.store.db,
        unit.county,
        page.map(([p]) => p.householdId),
      );
      for (const [p, extra] of page) {
        const h: HouseholdInfo | undefined =
          p.householdId === null ? undefined : households.get(p.householdId);
        sheet.add([
          sheet.rows + 1,
          gridName(unit, p.gridCode),
          householdNumber(p.householdId, p.gridCode),
          h?.headName ?? null,
          p.name,
          SEX_LABELS[p.sex],
          p.birthDate,
          ageOn(p.birthDate, asOf),
          mask.id(p.idNumber),
          mask.phone(p.phone),
          h?.address ?? null,
          ...extra,
        ]);
      }
      await sheet.settle(out);
    }
    sheet.commit();
    sheets.push({ name, rows: sheet.rows });
  }
  await wb.commit();
  return { sheets };
}
