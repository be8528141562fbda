/**
 * What a village tells its residents each day: the notice for its WeChat groups, the loudspeaker
 * (村村响) schedule, and the public list of cadres, party members and public servants who have
 * been vaccinated (带头接种公示). The news report (shared/seed/): 乌石镇双庙村's loudspeaker plays
 * the village party secretary's recording 「分时段反复播放」 from morning to night; 易俗河镇's
 * communities 「通过社区网格微信群、小区业主群等每日定期发布接种信息」 and have 「全体工作人员、党员、
 * 公职人员……带头接种，并将接种健康绿码予以公示栏、微信群内公示」.
 *
 * Pure: the text is generated from the facts handed in (counts, sites, deadline), in Chinese with
 * an English rendering for the interface's other language.
 */
import type { CalendarDate } from './calendar.js';
import { invalidInput, type Bilingual } from './errors.js';
import type { CampaignTarget } from './vaccines/doseWindows.js';

/** A vaccination site of the village's township, as a notice names it. */
export interface NoticeSite {
  name: string;
  address: string;
  /** 'HH:MM' Asia/Shanghai. */
  opens: string;
  closes: string;
}

export interface NoticeFacts {
  date: CalendarDate;
  /** What officials write: 锦石村, 锦石乡. */
  villageName: string;
  townshipName: string;
  campaign: { target: CampaignTarget; deadline: CalendarDate };
  done: number;
  /** Eligible, not done, no valid reason (what the ledger lists). */
  open: number;
  /** Nobody has asked yet (排查). */
  unscreened: number;
  sites: readonly NoticeSite[];
}

const TARGET_ZH: Readonly<Record<CampaignTarget, string>> = {
  'first-dose': '第一剂次',
  'full-series': '全程',
  booster: '加强免疫',
};
const TARGET_EN: Readonly<Record<CampaignTarget, string>> = {
  'first-dose': 'a first dose',
  'full-series': 'the full primary series',
  booster: 'a booster',
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2021-08-09' → 8月9日 / 9 Aug. */
export function dateWords(date: CalendarDate): Bilingual {
  const [, m, d] = date.split('-').map(Number);
  return { zh: `${m}月${d}日`, en: `${d} ${MONTHS_EN[(m ?? 1) - 1]}` };
}

/** The slogan 双庙村's loudspeaker plays (shared/seed/), closing every notice. */
export const SLOGAN: Bilingual = {
  zh: '疫苗要打好，筑牢防疫墙，大家都放心！',
  en: 'Get vaccinated, build the wall against the epidemic, and we can all rest easy!',
};

function siteLines(sites: readonly NoticeSite[], township: string): Bilingual {
  if (sites.length === 0) {
    return {
      zh: `接种点安排请咨询村委会或${township}。`,
      en: `Ask the village committee or ${township} where to get vaccinated.`,
    };
  }
  const zh = sites.map((s) => `${s.name}${s.address ? `（${s.address}）` : ''}，每天${s.opens}—${s.closes}`);
  const en = sites.map((s) => `${s.name}${s.address ? ` (${s.address})` : ''}, daily ${s.opens}–${s.closes}`);
  return { zh: `接种点：${zh.join('；')}。`, en: `Where: ${en.join('; ')}.` };
}

/**
 * The day's notice for the village's WeChat groups: where the village stands (done, still to be
 * vaccinated, not yet asked), where and when to go, the deadline, the ride for the elderly, the
 * slogan. A village that has cleared both (双清零) thanks its residents instead of urging them.
 */
export function villageNoticeText(f: NoticeFacts): Bilingual {
  const day = dateWords(f.date);
  const deadline = dateWords(f.campaign.deadline);
  const cleared = f.open === 0 && f.unscreened === 0;
  const zh: string[] = [`【${f.villageName}新冠疫苗接种通知】${day.zh}`];
  const en: string[] = [`[${f.villageName} COVID-19 vaccination notice] ${day.en}`];
  if (cleared) {
    zh.push(
      `截至今日，本村已有${f.done}人完成新冠疫苗${TARGET_ZH[f.campaign.target]}接种，已实现排查清零、任务清零“双清零”，感谢全体村民的支持！新迁入或已到可接种时间的村民，请联系本组网格员。`,
    );
    en.push(
      `As of today ${f.done} residents of the village have had ${TARGET_EN[f.campaign.target]}: everyone has been asked and everyone eligible is vaccinated (double clearance). Thank you all! Anyone who has moved in, or whose deferral has ended, please contact your grid member.`,
    );
  } else {
    const unscreenedZh = f.unscreened > 0 ? `，另有${f.unscreened}人尚未摸排登记` : '';
    const unscreenedEn = f.unscreened > 0 ? `, and ${f.unscreened} have not been reached yet` : '';
    zh.push(
      `截至今日，本村已有${f.done}人完成新冠疫苗${TARGET_ZH[f.campaign.target]}接种，还有${f.open}人未接种${unscreenedZh}。`,
    );
    en.push(
      `As of today ${f.done} residents of the village have had ${TARGET_EN[f.campaign.target]}; ${f.open} still need it${unscreenedEn}.`,
    );
  }
  const sites = siteLines(f.sites, f.townshipName);
  zh.push(sites.zh);
  en.push(sites.en);
  if (!cleared) {
    zh.push(
      `本次接种任务${deadline.zh}截止。请符合条件、尚未接种的村民携带身份证，尽快就近前往接种点接种；行动不便的60岁以上老人和住得偏远的村民，请联系本组网格员预约上门接送。`,
    );
    en.push(
      `The drive ends on ${deadline.en}. If you are eligible and not yet vaccinated, bring your ID card to the nearest site soon; residents over 60 who cannot get about easily, or who live far out, can ask their grid member for a ride.`,
    );
  }
  zh.push(SLOGAN.zh);
  en.push(SLOGAN.en);
  return { zh: zh.join('\n'), en: en.join('\n') };
}

/** One broadcast of the loudspeaker (村村响): a time of day and what it plays. */
export interface BroadcastSlot {
  /** 'HH:MM' Asia/Shanghai. */
  time: string;
  message: string;
}

export const MAX_BROADCASTS = 24;
export const BROADCAST_MESSAGE_MAX = 500;

/**
 * The schedule a village plays when it has set none: morning, noon and evening, when people are
 * at home (「每天从早到晚……分时段反复播放」), with where and when the township vaccinates.
 */
export function defaultBroadcasts(
  villageName: string,
  townshipName: string,
  sites: readonly NoticeSite[],
): BroadcastSlot[] {
  const where = siteLines(sites, townshipName).zh;
  return [
    { time: '07:00', message: `${SLOGAN.zh}${villageName}的乡亲们，新冠疫苗接种正在进行。${where}` },
    {
      time: '12:00',
      message: `还没有接种新冠疫苗的村民请抓紧时间，携带身份证前往接种点接种。行动不便的60岁以上老人，请联系网格员预约上门接送。`,
    },
    {
      time: '18:30',
      message: `${SLOGAN.zh}接种疫苗是对自己和家人负责。有疑问的村民，请到村委会或拨打网格员电话咨询。`,
    },
  ];
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A village's schedule as set: times that exist, once each, messages that say something; sorted. */
export function validateBroadcasts(slots: readonly BroadcastSlot[]): BroadcastSlot[] {
  if (slots.length === 0 || slots.length > MAX_BROADCASTS) {
    throw invalidInput({
      code: 'broadcast.slots',
      field: 'slots',
      message: {
        zh: `村村响播放时段应为 1 至 ${MAX_BROADCASTS} 个`,
        en: `a loudspeaker schedule has from 1 to ${MAX_BROADCASTS} broadcasts`,
      },
    });
  }
  const seen = new Set<string>();
  const out: BroadcastSlot[] = [];
  for (const s of slots) {
    const time = s.time.trim();
    if (!TIME_RE.test(time)) {
      throw invalidInput({
        code: 'broadcast.time',
        field: 'time',
        message: { zh: `播放时间应为 HH:MM：${s.time}`, en: `a broadcast time is HH:MM: ${s.time}` },
      });
    }
    if (seen.has(time)) {
      throw invalidInput({
        code: 'broadcast.duplicate',
        field: 'time',
        message: { zh: `播放时间 ${time} 重复`, en: `two broadcasts at ${time}` },
      });
    }
    seen.add(time);
    const message = s.message.trim();
    if (!message || message.length > BROADCAST_MESSAGE_MAX) {
      throw invalidInput({
        code: 'broadcast.message',
        field: 'message',
        message: {
          zh: `${time} 的播放内容不能为空，且不超过${BROADCAST_MESSAGE_MAX}字`,
          en: `the broadcast at ${time} needs a message of at most ${BROADCAST_MESSAGE_MAX} characters`,
        },
      });
    }
    out.push({ time, message });
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

export const NOTICE_TEXT_MAX = 5000;

/** An edited notice: the Chinese text is what goes to the groups, so it must be there. */
export function validNoticeText(zh: string, en?: string | null): { zh: string; en: string | null } {
  const z = zh.trim();
  if (!z || z.length > NOTICE_TEXT_MAX) {
    throw invalidInput({
      code: 'notice.text',
      field: 'zh',
      message: {
        zh: `通知正文不能为空，且不超过${NOTICE_TEXT_MAX}字`,
        en: `the notice needs its Chinese text, at most ${NOTICE_TEXT_MAX} characters`,
      },
    });
  }
  const e = en?.trim() ?? '';
  if (e.length > NOTICE_TEXT_MAX) {
    throw invalidInput({
      code: 'notice.text',
      field: 'en',
      message: {
        zh: `英文通知不超过${NOTICE_TEXT_MAX}字`,
        en: `the English text is at most ${NOTICE_TEXT_MAX} characters`,
      },
    });
  }
  return { zh: z, en: e || null };
}

/**
 * Who the public list (带头接种公示) names: the cadres, party members and public servants the
 * news report says led by example, as the register marks them (residents.public_role).
 */
export const PUBLIC_ROLES = ['cadre', 'party-member', 'public-servant'] as const;
export type PublicRole = (typeof PUBLIC_ROLES)[number];

export const PUBLIC_ROLE_LABELS: Readonly<Record<PublicRole, Bilingual>> = {
  cadre: { zh: '干部', en: 'cadre' },
  'party-member': { zh: '党员', en: 'party member' },
  'public-servant': { zh: '公职人员', en: 'public servant' },
};

export const isPublicRole = (v: string | null): v is PublicRole =>
  v !== null && (PUBLIC_ROLES as readonly string[]).includes(v);
