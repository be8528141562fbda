/**
 * Answerability (包保责任人): every unit has one cadre answerable for it. The news report in
 * shared/seed/ names the mechanism: "强化县包乡、乡包村组的工作机制" — county cadres answer for
 * townships, township cadres for villages. The pairing is what makes it work: the cadre sits one
 * level above the unit, so a lagging village is a township cadre's problem and a lagging
 * township a county cadre's, and both show beside the unit in the ranking and the daily report.
 */
import { businessRule, invalidInput, type Bilingual } from './errors.js';
import { levelOfCode } from './places.js';

export const CADRE_LEVELS = ['county', 'township'] as const;
export type CadreLevel = (typeof CADRE_LEVELS)[number];

export const CADRE_LEVEL_LABELS: Readonly<Record<CadreLevel, Bilingual>> = {
  county: { zh: '县级干部（县包乡）', en: 'county cadre (answers for a township)' },
  township: { zh: '乡镇干部（乡包村组）', en: 'township cadre (answers for a village)' },
};

/** The level of cadre answerable for a unit at this level: 县包乡、乡包村组. */
const PAIRING: Readonly<Record<string, CadreLevel>> = { township: 'county', village: 'township' };

/** The level of cadre a unit's answerable cadre is, or undefined for a unit that has none. */
export function cadreLevelFor(unitCode: string): CadreLevel | undefined {
  const level = levelOfCode(unitCode);
  return level === undefined ? undefined : PAIRING[level];
}

export interface CadreDraft {
  name: string;
  /** 职务, e.g. 县卫健局副局长 or 乡党委委员. */
  title: string;
  phone?: string | null;
  /** Checked against the unit when given; derived from it when not. */
  cadreLevel?: string | null;
}

export interface Cadre {
  name: string;
  title: string;
  phone: string | null;
  cadreLevel: CadreLevel;
}

const PHONE = /^\+?[\d\s-]{5,20}$/;

/** The cadre answerable for `unitCode`, checked: the unit has one, and the levels pair. */
export function checkCadre(unitCode: string, draft: CadreDraft): Cadre {
  const pairs = cadreLevelFor(unitCode);
  if (pairs === undefined) {
    throw invalidInput({
      code: 'answerable.level',
      field: 'place',
      message: {
        zh: `包保责任人按“县包乡、乡包村组”明确，只有乡镇和村（社区）有包保责任人：${unitCode}`,
        en: `answerable cadres are for townships (a county cadre) and villages (a township cadre): ${unitCode} is neither`,
      },
    });
  }
  const given = draft.cadreLevel ?? null;
  if (given !== null && given !== pairs) {
    throw businessRule({
      code: 'answerable.level-pairing',
      field: 'cadreLevel',
      message: {
        zh: `县包乡、乡包村组：${pairs === 'county' ? '乡镇由县级干部包保' : '村（社区）由乡镇干部包保'}，不能由${given === 'county' ? '县级' : given === 'township' ? '乡镇' : given}干部包保`,
        en: `county cadres answer for townships and township cadres for villages: ${unitCode} needs a ${pairs} cadre, not a ${given} one`,
      },
    });
  }
  const name = draft.name.trim();
  if (name === '' || name.length > 40) {
    throw invalidInput({
      code: 'answerable.name',
      field: 'name',
      message: { zh: '包保责任人姓名应为 1 至 40 个字', en: "the cadre's name is 1 to 40 characters" },
    });
  }
  const title = draft.title.trim();
  if (title === '' || title.length > 60) {
    throw invalidInput({
      code: 'answerable.title',
      field: 'title',
      message: {
        zh: '请填写包保责任人职务（1 至 60 个字），如“县卫健局副局长”',
        en: "give the cadre's title (1 to 60 characters), e.g. 县卫健局副局长",
      },
    });
  }
  const phone = draft.phone?.trim() || null;
  if (phone !== null && !PHONE.test(phone)) {
    throw invalidInput({
      code: 'answerable.phone',
      field: 'phone',
      message: { zh: `电话号码格式不对：${phone}`, en: `not a phone number: ${phone}` },
    });
  }
  return { name, title, phone, cadreLevel: pairs };
}

/** The cadre as the ranking and the daily report show them: 王建国（县卫健局副局长）. */
export function answerableDisplay(name: string, title: string): string {
  return title.trim() === '' ? name : `${name}（${title}）`;
}
