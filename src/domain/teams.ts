/**
 * Teams (攻坚队 and the others) as the news report in shared/seed/ tells them: 锦石乡 "抽调30名机关
 * 干部组建两组疫苗接种清零工作攻坚队，分组进村进行上门服务。每组明确两名党政负责人带队，一人在'清零行动'
 * 村村部实时调度，一人在卫生院现场靠前指挥"; the volunteers organised by the township's youth
 * league, enforcement team and party-building station; and the communities' "疫苗接种宣传车队、小区
 * 疫苗排查宣传志愿队、上门接送服务队、社区疫苗排查工作小组".
 *
 * A team belongs to a township (or the county), is sent to villages of that place, and may carry
 * a daily quota of doses. An attack team is sent only with both of its leads named.
 */
import type { CalendarDate } from './calendar.js';
import { businessRule, conflict, invalidInput, type Bilingual } from './errors.js';
import { levelOfCode } from './places.js';

export const TEAM_KINDS = ['attack', 'screening-volunteers', 'transport', 'publicity', 'community'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const TEAM_KIND_LABELS: Readonly<Record<TeamKind, Bilingual>> = {
  attack: { zh: '攻坚队', en: 'Attack team' },
  'screening-volunteers': { zh: '摸排志愿者', en: 'Screening volunteers' },
  transport: { zh: '接送车队', en: 'Transport team' },
  publicity: { zh: '宣传车', en: 'Publicity vehicles' },
  community: { zh: '社区工作组', en: 'Community working group' },
};

export const isTeamKind = (v: string): v is TeamKind => (TEAM_KINDS as readonly string[]).includes(v);

/**
 * The leads a team can name. An attack team's two are the report's: one dispatching from the
 * village office (村部调度), one commanding at the health centre (卫生院现场指挥). Other teams
 * have one leader (队长) at most.
 */
export const LEAD_ROLES = ['dispatcher', 'site-commander', 'leader'] as const;
export type LeadRole = (typeof LEAD_ROLES)[number];

export const LEAD_LABELS: Readonly<Record<LeadRole, Bilingual>> = {
  dispatcher: { zh: '村部调度', en: 'Dispatcher at the village office' },
  'site-commander': { zh: '卫生院现场指挥', en: 'Site commander at the health centre' },
  leader: { zh: '队长', en: 'Team leader' },
};

export const isLeadRole = (v: string): v is LeadRole => (LEAD_ROLES as readonly string[]).includes(v);

/** The leads a team of this kind may name. */
export function leadsAllowed(kind: TeamKind): readonly LeadRole[] {
  return kind === 'attack' ? ['dispatcher', 'site-commander'] : ['leader'];
}

/** The leads a team of this kind must have before it is sent anywhere. */
export function leadsRequired(kind: TeamKind): readonly LeadRole[] {
  return kind === 'attack' ? ['dispatcher', 'site-commander'] : [];
}

/** The required leads a team does not have yet. */
export function missingLeads(kind: TeamKind, leads: readonly (LeadRole | null)[]): LeadRole[] {
  return leadsRequired(kind).filter((l) => !leads.includes(l));
}

/** A team of more than this is a mistake (the report's teams are fifteen). */
export const MAX_MEMBERS = 200;
/** Doses a day no team's villages could give: a typo, not a quota. */
export const MAX_QUOTA = 100_000;

const label = (role: LeadRole): string => LEAD_LABELS[role].zh;

export interface TeamDraft {
  kind: string;
  name: string;
  /** The township (9 digits) or county (6) the team belongs to. */
  place: string;
  quota?: number | null;
}

/** A team's kind, name, place and quota, checked; the name trimmed. */
export function checkTeam(draft: TeamDraft): {
  kind: TeamKind;
  name: string;
  place: string;
  quota: number | null;
} {
  if (!isTeamKind(draft.kind)) {
    throw invalidInput({
      code: 'team.kind',
      field: 'kind',
      message: {
        zh: `队伍类型应为 ${TEAM_KINDS.join('、')} 之一：${draft.kind}`,
        en: `a team's kind is one of ${TEAM_KINDS.join(', ')}: ${draft.kind}`,
      },
    });
  }
  const name = draft.name.trim();
  if (name === '' || name.length > 60) {
    throw invalidInput({
      code: 'team.name',
      field: 'name',
      message: { zh: '队伍名称应为 1 至 60 个字', en: "a team's name is 1 to 60 characters" },
    });
  }
  const level = levelOfCode(draft.place);
  if (level !== 'county' && level !== 'township') {
    throw invalidInput({
      code: 'team.place-level',
      field: 'place',
      message: {
        zh: `队伍由乡镇或县组建，${draft.place} 不是乡镇或县的代码`,
        en: `a team belongs to a township or the county: ${draft.place} is neither`,
      },
    });
  }
  return { kind: draft.kind, name, place: draft.place, quota: checkQuota(draft.quota ?? null) };
}

/** A daily quota (doses a day in the team's villages): a whole number 1 … MAX_QUOTA, or none. */
export function checkQuota(quota: number | null): number | null {
  if (quota === null) return null;
  if (!Number.isInteger(quota) || quota < 1 || quota > MAX_QUOTA) {
    throw invalidInput({
      code: 'team.quota',
      field: 'quota',
      message: {
        zh: `每日任务量应为 1 至 ${MAX_QUOTA} 的整数（剂次/天）：${quota}`,
        en: `a daily quota is a whole number of doses from 1 to ${MAX_QUOTA}: ${quota}`,
      },
    });
  }
  return quota;
}

export interface MemberDraft {
  name: string;
  phone?: string | null;
  /** 职务, e.g. 乡党委副书记, 党政办干部, 志愿者. */
  title: string;
  userId?: number | null;
  lead?: string | null;
}

export interface Member {
  name: string;
  phone: string | null;
  title: string;
  userId: number | null;
  lead: LeadRole | null;
}

/** A phone a cadre can be reached on: a mobile or a landline with its area code. */
const PHONE = /^\+?[\d\s-]{5,20}$/;

/** A member as a team of this kind may have them, trimmed. */
export function checkMember(kind: TeamKind, draft: MemberDraft): Member {
  const name = draft.name.trim();
  if (name === '' || name.length > 40) {
    throw invalidInput({
      code: 'team.member-name',
      field: 'name',
      message: { zh: '队员姓名应为 1 至 40 个字', en: "a member's name is 1 to 40 characters" },
    });
  }
  const title = draft.title.trim();
  if (title === '' || title.length > 60) {
    throw invalidInput({
      code: 'team.member-title',
      field: 'title',
      message: {
        zh: '请填写队员职务（1 至 60 个字），如“乡党委副书记”“志愿者”',
        en: "give the member's title (1 to 60 characters), e.g. 乡党委副书记 or 志愿者",
      },
    });
  }
  const phone = draft.phone?.trim() || null;
  if (phone !== null && !PHONE.test(phone)) {
    throw invalidInput({
      code: 'team.member-phone',
      field: 'phone',
      message: { zh: `电话号码格式不对：${phone}`, en: `not a phone number: ${phone}` },
    });
  }
  const lead = draft.lead ?? null;
  if (lead !== null && !(leadsAllowed(kind) as readonly string[]).includes(lead)) {
    throw invalidInput({
      code: 'team.lead-kind',
      field: 'lead',
      message: {
        zh: `${TEAM_KIND_LABELS[kind].zh}的带队职责只能是 ${leadsAllowed(kind).map(label).join('、')}：${lead}`,
        en: `a ${TEAM_KIND_LABELS[kind].en.toLowerCase()}'s lead is ${leadsAllowed(kind).join(' or ')}: ${lead}`,
      },
    });
  }
  const userId = draft.userId ?? null;
  if (userId !== null && (!Number.isInteger(userId) || userId < 1)) {
    throw invalidInput({
      code: 'team.member-user',
      field: 'userId',
      message: { zh: `账号编号应为正整数：${userId}`, en: `a user id is a positive whole number: ${userId}` },
    });
  }
  return { name, phone, title, userId, lead: lead as LeadRole | null };
}

/** Refuses a lead that another member of the team already holds. */
export function checkLeadFree(lead: LeadRole | null, held: readonly (LeadRole | null)[]): void {
  if (lead !== null && held.includes(lead)) {
    throw conflict({
      code: 'team.lead-taken',
      field: 'lead',
      message: {
        zh: `本队已有${label(lead)}，请先移除原负责人`,
        en: `the team already has its ${LEAD_LABELS[lead].en.toLowerCase()}: remove them first`,
      },
    });
  }
}

/** Refuses more members than a team can have. */
export function checkTeamSize(count: number): void {
  if (count > MAX_MEMBERS) {
    throw invalidInput({
      code: 'team.too-many-members',
      field: 'members',
      message: { zh: `一支队伍最多 ${MAX_MEMBERS} 人`, en: `a team has at most ${MAX_MEMBERS} members` },
    });
  }
}

/**
 * The villages a team is sent to, each checked to be a village (12 digits) of the team's place;
 * duplicates dropped, in code order.
 */
export function checkVillages(teamPlace: string, villages: readonly string[]): string[] {
  const out = [...new Set(villages.map((v) => v.trim()))].sort();
  for (const v of out) {
    if (levelOfCode(v) !== 'village') {
      throw invalidInput({
        code: 'team.village-level',
        field: 'villages',
        message: {
          zh: `队伍派往村（社区），${v} 不是村（社区）的代码`,
          en: `a team is sent to villages: ${v} is not a village code`,
        },
      });
    }
    if (!v.startsWith(teamPlace)) {
      throw businessRule({
        code: 'team.village-outside',
        field: 'villages',
        message: {
          zh: `村（社区）${v} 不在本队所属单位 ${teamPlace} 内`,
          en: `village ${v} is outside the team's own place ${teamPlace}`,
        },
      });
    }
  }
  return out;
}

/**
 * An attack team goes out only with both its leads named: without the dispatcher at the village
 * office and the commander at the health centre it is fifteen cadres without direction.
 */
export function checkSendable(
  kind: TeamKind,
  leads: readonly (LeadRole | null)[],
  villages: readonly string[],
): void {
  if (villages.length === 0) return;
  const missing = missingLeads(kind, leads);
  if (missing.length > 0) {
    throw businessRule({
      code: 'team.leads-required',
      field: 'lead',
      message: {
        zh: `${TEAM_KIND_LABELS[kind].zh}须明确村部调度和卫生院现场指挥两名带队负责人后才能派出（缺：${missing.map(label).join('、')}）`,
        en: `an attack team is sent only with its dispatcher and its site commander named (missing: ${missing.join(', ')})`,
      },
    });
  }
}

export interface QuotaDay {
  date: CalendarDate;
  /** Doses that reached the campaign's target that day in the team's villages. */
  done: number;
  quota: number | null;
  /** done ≥ quota; null without a quota. */
  met: boolean | null;
  /** How many doses short of the quota (0 when met); null without a quota. */
  short: number | null;
}

/** Each day's doses against the quota, one entry per day asked for (a day without doses is 0). */
export function quotaDays(
  days: readonly CalendarDate[],
  doneByDay: ReadonlyMap<CalendarDate, number>,
  quota: number | null,
): QuotaDay[] {
  return days.map((date) => {
    const done = doneByDay.get(date) ?? 0;
    return {
      date,
      done,
      quota,
      met: quota === null ? null : done >= quota,
      short: quota === null ? null : Math.max(0, quota - done),
    };
  });
}
