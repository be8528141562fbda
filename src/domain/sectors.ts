/**
 * Sector responsibility (行业监管责任): besides the township answering for everyone who lives in
 * it (属地责任), each sector's regulator answers for the people its sector employs — the news
 * report in shared/seed/: "明确乡镇属地责任行业监管责任". A resident may carry an employer and a
 * sector; the regulator then sees its sector's progress and ledger across the county.
 *
 * Public roles feed the public list of those who led by example (带头接种公示): "各社区组织全体
 * 工作人员、党员、公职人员……带头接种，并将接种健康绿码予以公示栏、微信群内公示".
 */
import { invalidInput, type Bilingual } from './errors.js';

export const SECTORS = [
  'education',
  'health',
  'party-government',
  'enterprise',
  'transport',
  'commerce',
  'agriculture',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Readonly<Record<Sector, Bilingual>> = {
  education: { zh: '教育', en: 'Education' },
  health: { zh: '卫生健康', en: 'Health' },
  'party-government': { zh: '党政机关', en: 'Party and government' },
  enterprise: { zh: '工业企业', en: 'Enterprises' },
  transport: { zh: '交通运输', en: 'Transport' },
  commerce: { zh: '商贸服务', en: 'Commerce and services' },
  agriculture: { zh: '农业农村', en: 'Agriculture' },
  other: { zh: '其他', en: 'Other' },
};

/** Who regulates each sector in a county (the usual 县直部门 of a Hunan county). */
export const SECTOR_REGULATORS: Readonly<Record<Sector, Bilingual>> = {
  education: { zh: '县教育局', en: 'County education bureau' },
  health: { zh: '县卫生健康局', en: 'County health commission' },
  'party-government': { zh: '县直机关工委', en: 'County organs working committee' },
  enterprise: { zh: '县工业和信息化局', en: 'County industry and IT bureau' },
  transport: { zh: '县交通运输局', en: 'County transport bureau' },
  commerce: { zh: '县商务局', en: 'County commerce bureau' },
  agriculture: { zh: '县农业农村局', en: 'County agriculture bureau' },
  other: { zh: '属地乡镇', en: 'The township where they live' },
};

export const isSector = (v: string): v is Sector => (SECTORS as readonly string[]).includes(v);

/** The public roles listed on the 带头接种公示 board. */
export const PUBLIC_ROLES = ['cadre', 'party-member', 'public-servant'] as const;
export type PublicRole = (typeof PUBLIC_ROLES)[number];

export const PUBLIC_ROLE_LABELS: Readonly<Record<PublicRole, Bilingual>> = {
  cadre: { zh: '干部', en: 'Cadre' },
  'party-member': { zh: '党员', en: 'Party member' },
  'public-servant': { zh: '公职人员', en: 'Public servant' },
};

export const isPublicRole = (v: string): v is PublicRole => (PUBLIC_ROLES as readonly string[]).includes(v);

export interface EmploymentDraft {
  employer?: string | null;
  sector?: string | null;
  publicRole?: string | null;
}

export interface Employment {
  employer: string | null;
  sector: Sector | null;
  publicRole: PublicRole | null;
}

/** A resident's employer, sector and public role, checked (blank means none). */
export function checkEmployment(draft: EmploymentDraft): Employment {
  const employer = draft.employer?.trim() || null;
  if (employer !== null && employer.length > 100) {
    throw invalidInput({
      code: 'resident.employer',
      field: 'employer',
      message: { zh: '工作单位最多 100 个字', en: 'an employer is at most 100 characters' },
    });
  }
  const sector = draft.sector?.trim() || null;
  if (sector !== null && !isSector(sector)) {
    throw invalidInput({
      code: 'resident.sector',
      field: 'sector',
      message: {
        zh: `行业应为 ${SECTORS.join('、')} 之一：${sector}`,
        en: `a sector is one of ${SECTORS.join(', ')}: ${sector}`,
      },
    });
  }
  const publicRole = draft.publicRole?.trim() || null;
  if (publicRole !== null && !isPublicRole(publicRole)) {
    throw invalidInput({
      code: 'resident.public-role',
      field: 'publicRole',
      message: {
        zh: `身份应为 ${PUBLIC_ROLES.join('、')} 之一：${publicRole}`,
        en: `a public role is one of ${PUBLIC_ROLES.join(', ')}: ${publicRole}`,
      },
    });
  }
  return { employer, sector, publicRole };
}
