/**
 * The COVID-19 vaccine products of the 2021 national drive and their primary schedules.
 *
 * Source: 国家卫生健康委疾控局《新冠病毒疫苗接种技术指南（第一版）》, 2021-03-29, section 二
 * (疫苗基本信息 / 接种程序). Only the five products that guideline lists are here; the codes are
 * fixed because the CLI, the demo and stored dose records use them.
 */
import type { Bilingual } from '../errors.js';

export const PRODUCT_CODES = ['sinopharm-bibp', 'sinopharm-wibp', 'sinovac', 'cansino', 'zf2001'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export type Platform = 'inactivated' | 'adenovirus-vector' | 'recombinant-protein';

/**
 * The window for one primary dose after dose 1. The guideline states two things per dose: a
 * minimum gap to the previous dose, and a date by which the dose should "ideally" (尽量/尽早) be
 * given, counted from dose 1. The latter is advice, not a limit: a late dose is still given.
 */
export interface DoseWindow {
  doseNumber: number;
  minDaysAfterPrevious: number;
  ideallyWithinDaysOfFirst: number | null;
}

export interface BoosterRule {
  minDaysAfterPrimary: number;
  /** The 2021 recommendation; dose windows still accept a booster of any product. */
  homologous: boolean;
}

export interface Product {
  code: ProductCode;
  name: Bilingual;
  /** What a ledger or a report column shows. */
  shortName: Bilingual;
  manufacturer: Bilingual;
  platform: Platform;
  primaryDoses: number;
  /** Windows of doses 2..primaryDoses; element i governs dose i + 2. */
  windows: readonly DoseWindow[];
  booster: BoosterRule;
  /** Other ways ledgers and people write the product (trade names, short names, English). */
  aliases: readonly string[];
}

/**
 * A booster "completed the primary series at least 6 months ago" (NHC booster arrangement of
 * October 2021, homologous). Six months is taken as 180 days so that it is a fixed count.
 */
export const BOOSTER_MIN_DAYS_AFTER_PRIMARY = 180;

/** Guideline: inactivated vaccines, 2 doses, ≥ 3 weeks apart, dose 2 尽早 within 8 weeks. */
const INACTIVATED_WINDOWS: readonly DoseWindow[] = [
  { doseNumber: 2, minDaysAfterPrevious: 21, ideallyWithinDaysOfFirst: 56 },
];

const BOOSTER: BoosterRule = { minDaysAfterPrimary: BOOSTER_MIN_DAYS_AFTER_PRIMARY, homologous: true };

export const products: readonly Product[] = [
  {
    code: 'sinopharm-bibp',
    name: {
      zh: '新型冠状病毒灭活疫苗（Vero细胞）（北京生物）',
      en: 'COVID-19 Vaccine (Vero Cell), Inactivated — Sinopharm Beijing (BBIBP-CorV)',
    },
    shortName: { zh: '北京生物', en: 'Sinopharm BIBP' },
    manufacturer: {
      zh: '国药集团中国生物北京生物制品研究所',
      en: 'Beijing Institute of Biological Products (Sinopharm CNBG)',
    },
    platform: 'inactivated',
    primaryDoses: 2,
    windows: INACTIVATED_WINDOWS,
    booster: BOOSTER,
    // 众爱可维 is the trade name under the 2020-12-31 conditional approval. Bare 国药 / Sinopharm
    // is read as Beijing (WHO's EUL "Sinopharm" is BBIBP-CorV), but only when nothing more
    // specific is written: see WEAK_ALIASES.
    aliases: [
      '国药',
      '国药集团',
      'Sinopharm',
      '国药北京',
      '国药集团北京',
      '中生北京',
      '北京所',
      '北京生物所',
      '北京生物制品研究所',
      '众爱可维',
      'BIBP',
      'BBIBP',
      'BBIBP-CorV',
      'Sinopharm Beijing',
    ],
  },
  {
    code: 'sinopharm-wibp',
    name: {
      zh: '新型冠状病毒灭活疫苗（Vero细胞）（武汉生物）',
      en: 'COVID-19 Vaccine (Vero Cell), Inactivated — Sinopharm Wuhan (WIBP-CorV)',
    },
    shortName: { zh: '武汉生物', en: 'Sinopharm WIBP' },
    manufacturer: {
      zh: '国药集团中国生物武汉生物制品研究所',
      en: 'Wuhan Institute of Biological Products (Sinopharm CNBG)',
    },
    platform: 'inactivated',
    primaryDoses: 2,
    windows: INACTIVATED_WINDOWS,
    booster: BOOSTER,
    aliases: [
      '国药武汉',
      '国药集团武汉',
      '中生武汉',
      '武汉所',
      '武汉生物所',
      '武汉生物制品研究所',
      '众协康',
      'WIBP',
      'WIBP-CorV',
      'Sinopharm Wuhan',
    ],
  },
  {
    code: 'sinovac',
    name: {
      zh: '新型冠状病毒灭活疫苗（Vero细胞）（北京科兴中维）',
      en: 'COVID-19 Vaccine (Vero Cell), Inactivated — Sinovac (CoronaVac)',
    },
    shortName: { zh: '科兴', en: 'Sinovac' },
    manufacturer: { zh: '北京科兴中维生物技术有限公司', en: 'Sinovac Life Sciences Co., Ltd.' },
    platform: 'inactivated',
    primaryDoses: 2,
    windows: INACTIVATED_WINDOWS,
    booster: BOOSTER,
    aliases: ['科兴中维', '北京科兴', '科兴生物', '克尔来福', 'CoronaVac', 'Sinovac'],
  },
  {
    code: 'cansino',
    name: {
      zh: '重组新型冠状病毒疫苗（5型腺病毒载体）',
      en: 'Recombinant COVID-19 Vaccine (Adenovirus Type 5 Vector) (Ad5-nCoV)',
    },
    shortName: { zh: '康希诺', en: 'CanSino' },
    manufacturer: { zh: '康希诺生物股份公司', en: 'CanSino Biologics Inc.' },
    platform: 'adenovirus-vector',
    // Guideline: 接种1剂.
    primaryDoses: 1,
    windows: [],
    booster: BOOSTER,
    aliases: ['康希诺生物', '克威莎', 'Convidecia', 'Ad5-nCoV', '腺病毒载体', '5型腺病毒载体', '腺病毒'],
  },
  {
    code: 'zf2001',
    name: {
      zh: '重组新型冠状病毒疫苗（CHO细胞）',
      en: 'Recombinant COVID-19 Vaccine (CHO Cell) (ZF2001)',
    },
    shortName: { zh: '智飞', en: 'Zhifei' },
    manufacturer: {
      zh: '安徽智飞龙科马生物制药有限公司',
      en: 'Anhui Zhifei Longcom Biopharmaceutical Co., Ltd.',
    },
    platform: 'recombinant-protein',
    // Guideline: 3 doses, adjacent doses ≥ 4 weeks apart; dose 2 尽量 within 8 weeks of dose 1,
    // dose 3 尽量 within 6 months of dose 1 (taken as 183 days, half of a 366-day year, so a
    // dose on the calendar six-months-later date is never flagged late).
    primaryDoses: 3,
    windows: [
      { doseNumber: 2, minDaysAfterPrevious: 28, ideallyWithinDaysOfFirst: 56 },
      { doseNumber: 3, minDaysAfterPrevious: 28, ideallyWithinDaysOfFirst: 183 },
    ],
    booster: BOOSTER,
    aliases: [
      '智飞',
      '智飞生物',
      '智飞龙科马',
      '龙科马',
      '智克威得',
      'ZF2001',
      'Zifivax',
      'CHO细胞',
      '重组蛋白',
    ],
  },
];

/**
 * Aliases that name a company group rather than one product. Ledger text such as 「国药（武汉）」
 * contains one of these and a specific alias; the specific one must win.
 */
const WEAK_ALIASES: ReadonlySet<string> = new Set(
  ['国药', '国药集团', 'Sinopharm'].map(normalizeProductText),
);

const BY_CODE: ReadonlyMap<string, Product> = new Map(products.map((p) => [p.code, p]));

export function isProductCode(code: string): code is ProductCode {
  return BY_CODE.has(code);
}

export function productByCode(code: ProductCode): Product;
export function productByCode(code: string): Product | undefined;
export function productByCode(code: string): Product | undefined {
  return BY_CODE.get(code);
}

/**
 * Folds the ways one name is typed into one key: full-width letters and digits (NFKC), case,
 * spaces (including the ideographic space) and the punctuation ledgers put between parts.
 */
export function normalizeProductText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_·・.,、/\\()[\]{}【】《》〈〉「」"'“”‘’\u2010-\u2015]/gu, '');
}

interface AliasEntry {
  key: string;
  product: Product;
  weak: boolean;
}

function allNames(p: Product): string[] {
  return [
    p.code,
    p.name.zh,
    p.name.en,
    p.shortName.zh,
    p.shortName.en,
    p.manufacturer.zh,
    p.manufacturer.en,
    ...p.aliases,
  ];
}

const ALIASES: readonly AliasEntry[] = products.flatMap((p) =>
  allNames(p).map((name) => {
    const key = normalizeProductText(name);
    return { key, product: p, weak: WEAK_ALIASES.has(key) };
  }),
);

const EXACT: ReadonlyMap<string, Product> = new Map(ALIASES.map((a) => [a.key, a.product]));

/**
 * The product a piece of text names: a code, a name, a manufacturer or an alias, typed with
 * full-width characters, spaces or punctuation, or such a name inside longer ledger text
 * (「新冠灭活疫苗（北京科兴）」). Undefined when nothing matches, or when the text names two
 * different products (「科兴/康希诺」): a guess there would put doses on the wrong schedule.
 */
export function matchProduct(text: string): Product | undefined {
  const key = normalizeProductText(text);
  if (key === '') return undefined;
  const exact = EXACT.get(key);
  if (exact) return exact;

  let strong: Product | undefined;
  let weak: Product | undefined;
  for (const a of ALIASES) {
    if (!key.includes(a.key)) continue;
    if (a.weak) {
      weak = a.product;
    } else if (strong === undefined) {
      strong = a.product;
    } else if (strong !== a.product) {
      return undefined;
    }
  }
  return strong ?? weak;
}
