/**
 * Places: the official statistical division codes (统计用区划代码) and the names that go with
 * them. The codes nest: every code begins with its parent's code, so "everything under a
 * township" is a prefix match and a query can group by `substr(code, 1, n)` without joins.
 * Grids are not in the official list; they are made locally as the village code plus three
 * digits, so they nest the same way.
 */
import { invalidInput, type Bilingual, type ErrorDetail } from './errors.js';

export type PlaceLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'grid';

/** From the top down; each level's code extends the one before it. */
export const PLACE_LEVELS: readonly PlaceLevel[] = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'grid',
];

const CODE_LENGTHS: Readonly<Record<PlaceLevel, number>> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
  grid: 15,
};

const LEVEL_BY_LENGTH: ReadonlyMap<number, PlaceLevel> = new Map(
  PLACE_LEVELS.map((level) => [CODE_LENGTHS[level], level]),
);

const LEVEL_NAMES: Readonly<Record<PlaceLevel, Bilingual>> = {
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县', en: 'county' },
  township: { zh: '乡镇（街道）', en: 'township' },
  village: { zh: '村（社区）', en: 'village' },
  grid: { zh: '网格', en: 'grid' },
};

export function codeLength(level: PlaceLevel): number {
  return CODE_LENGTHS[level];
}

/** The level one below, or undefined for a grid (households are not places with codes). */
export function childLevel(level: PlaceLevel): PlaceLevel | undefined {
  return PLACE_LEVELS[PLACE_LEVELS.indexOf(level) + 1];
}

/** The level one above, or undefined for a province. */
export function parentLevel(level: PlaceLevel): PlaceLevel | undefined {
  const i = PLACE_LEVELS.indexOf(level);
  return i > 0 ? PLACE_LEVELS[i - 1] : undefined;
}

/**
 * The level a code names, or undefined if it is not a well-formed code. A segment of all
 * zeros is refused: other systems pad a county to 12 digits as `430321000000`, and taking
 * that for a village would silently put people in a place that does not exist.
 */
export function levelOfCode(code: string): PlaceLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (level === undefined) return undefined;
  let start = 0;
  for (const l of PLACE_LEVELS) {
    const end = CODE_LENGTHS[l];
    if (/^0+$/.test(code.slice(start, end))) return undefined;
    if (l === level) break;
    start = end;
  }
  return level;
}

/** The code of the place one level up, or undefined for a province or a malformed code. */
export function parentCode(code: string): string | undefined {
  const level = levelOfCode(code);
  if (level === undefined) return undefined;
  const up = parentLevel(level);
  return up === undefined ? undefined : code.slice(0, CODE_LENGTHS[up]);
}

/** The code of the ancestor at `level` (or the code itself), or undefined if there is none. */
export function ancestorCode(code: string, level: PlaceLevel): string | undefined {
  const own = levelOfCode(code);
  if (own === undefined || CODE_LENGTHS[level] > CODE_LENGTHS[own]) return undefined;
  return code.slice(0, CODE_LENGTHS[level]);
}

/** Whether `ancestor` is `code` or one of the places above it; false if either is malformed. */
export function isAncestorOrSelf(ancestor: string, code: string): boolean {
  return levelOfCode(ancestor) !== undefined && levelOfCode(code) !== undefined && code.startsWith(ancestor);
}

/** The code of the n-th grid (1..999) of a village: the village code and n in three digits. */
export function gridCode(villageCode: string, n: number): string {
  const problem = validatePlaceCode(villageCode, 'village', 'villageCode');
  if (problem) throw invalidInput(problem);
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    throw invalidInput({
      code: 'place.grid-number',
      message: {
        zh: `网格序号须为 1 至 999 的整数，收到 ${String(n)}`,
        en: `a grid number must be a whole number from 1 to 999, got ${String(n)}`,
      },
      field: 'n',
    });
  }
  return villageCode + String(n).padStart(3, '0');
}

/**
 * Why `code` is not a place code (of `expectedLevel`, when given), or undefined if it is.
 * `place.code`: not a code at all; `place.level`: a code, but of another level.
 */
export function validatePlaceCode(
  code: string,
  expectedLevel?: PlaceLevel,
  field?: string,
): ErrorDetail | undefined {
  const at = field === undefined ? {} : { field };
  const level = typeof code === 'string' ? levelOfCode(code) : undefined;
  if (level === undefined) {
    const lengths = (expectedLevel ? [CODE_LENGTHS[expectedLevel]] : Object.values(CODE_LENGTHS)).join('/');
    return {
      code: 'place.code',
      message: {
        zh: `区划代码“${String(code)}”格式不对：应为 ${lengths} 位数字，且各级段不能全为 0`,
        en: `"${String(code)}" is not a division code: it must be ${lengths} digits, no level's part all zeros`,
      },
      ...at,
    };
  }
  if (expectedLevel !== undefined && level !== expectedLevel) {
    const want = LEVEL_NAMES[expectedLevel];
    const got = LEVEL_NAMES[level];
    return {
      code: 'place.level',
      message: {
        zh: `区划代码“${code}”是${got.zh}级代码，此处需要${want.zh}级（${CODE_LENGTHS[expectedLevel]} 位）`,
        en: `"${code}" is a ${got.en} code; a ${want.en} code (${CODE_LENGTHS[expectedLevel]} digits) is needed here`,
      },
      ...at,
    };
  }
  return undefined;
}

/**
 * Why `child` cannot be a direct child of `parent`, or undefined if it can: both must be
 * codes, the child one level below, and the child's leading digits must be the parent (a
 * village's first 9 digits are its township, a township's first 6 its county).
 */
export function checkChildCode(parent: string, child: string, field?: string): ErrorDetail | undefined {
  const parentProblem = validatePlaceCode(parent, undefined, field);
  if (parentProblem) return parentProblem;
  const parentLvl = levelOfCode(parent) as PlaceLevel;
  const expected = childLevel(parentLvl);
  if (expected === undefined) {
    return {
      code: 'place.level',
      message: {
        zh: `网格“${parent}”之下没有下级区划`,
        en: `a grid ("${parent}") has no places under it`,
      },
      ...(field === undefined ? {} : { field }),
    };
  }
  const childProblem = validatePlaceCode(child, expected, field);
  if (childProblem) return childProblem;
  if (!child.startsWith(parent)) {
    const p = LEVEL_NAMES[parentLvl];
    const c = LEVEL_NAMES[expected];
    return {
      code: 'place.parent',
      message: {
        zh: `${c.zh}代码“${child}”的前 ${parent.length} 位应为所属${p.zh}代码“${parent}”`,
        en: `the ${c.en} code "${child}" must begin with its ${p.en}'s code "${parent}"`,
      },
      ...(field === undefined ? {} : { field }),
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Names

export type VillageKind = 'village' | 'community';

/**
 * Trimmed, with every space removed (full-width U+3000 included) and NFKC-folded, so that
 * full-width and half-width brackets or digits typed on a phone compare equal.
 */
export function normalizePlaceName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * The committee suffixes of the official list, longest first so `社区居委会` wins over
 * `居委会`. `short` is what officials write instead. `村民居委会` occurs once in Hunan's list
 * on a village committee (code 2xx), so it counts as a village.
 */
const COMMITTEE_SUFFIXES: readonly { suffix: string; kind: VillageKind; short: '村' | '社区' }[] = [
  { suffix: '社区居民委员会', kind: 'community', short: '社区' },
  { suffix: '社区居委会', kind: 'community', short: '社区' },
  { suffix: '社区委员会', kind: 'community', short: '社区' },
  { suffix: '村民居委会', kind: 'village', short: '村' },
  { suffix: '居民委员会', kind: 'community', short: '社区' },
  { suffix: '村民委员会', kind: 'village', short: '村' },
  { suffix: '居委会', kind: 'community', short: '社区' },
  { suffix: '村委会', kind: 'village', short: '村' },
];

/**
 * Slips in the official list that would otherwise hide the suffix: a doubled 会
 * (…社区居民委员会会, …村委会会), 委委会 for 委员会, and 村季会 for 村委会 (all in Hunan's list).
 */
const SUFFIX_SLIPS: readonly [RegExp, string][] = [
  [/委员会会$/u, '委员会'],
  [/委会会$/u, '委会'],
  [/委委会$/u, '委员会'],
  [/村季会$/u, '村委会'],
];

const TOWNSHIP_SUFFIX = /(镇|乡|街道)$/u;

/**
 * Ethnic townships (民族乡) are written in full officially (三官寺土家族乡) but people say
 * 三官寺乡; the lazy stem keeps 枫树维吾尔族回族乡's stem at 枫树.
 */
const ETHNIC_TOWNSHIP =
  /^(.+?)(?:(?:瑶|苗|侗|白|土家|壮|回|维吾尔|蒙古|满|彝|布依|仡佬|畲|黎|傣|哈尼|朝鲜|水|土|藏|羌|纳西|傈僳|毛南|仫佬|京|达斡尔|锡伯|鄂温克|鄂伦春|赫哲|哈萨克|东乡|撒拉|保安|裕固)族)+乡$/u;

interface ParsedVillageName {
  /** The name as officials write it: 锦石村, 花果山社区. */
  short: string;
  /** The name without 村/社区, when there is one. */
  stem?: string;
  kind?: VillageKind;
}

function parseVillageName(officialName: string): ParsedVillageName {
  let name = normalizePlaceName(officialName);
  for (const [slip, fix] of SUFFIX_SLIPS) name = name.replace(slip, fix);
  for (const { suffix, kind, short } of COMMITTEE_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const base = name.slice(0, -suffix.length);
    // 花园村村民委员会 and 西水社区村委会: the place's own name already says 村 or 社区.
    if (base.endsWith('社区')) return { short: base, stem: base.slice(0, -2), kind };
    if (short === '村' && base.endsWith('村')) return { short: base, stem: base.slice(0, -1), kind };
    return { short: base + short, stem: base, kind };
  }
  if (name.endsWith('社区') && name.length > 2)
    return { short: name, stem: name.slice(0, -2), kind: 'community' };
  if (name.endsWith('村') && name.length > 1)
    return { short: name, stem: name.slice(0, -1), kind: 'village' };
  return { short: name };
}

/**
 * The name officials write for a place: 锦石村委会 → 锦石村, 花果山社区居民委员会 → 花果山社区,
 * 大湖塘居民委员会 → 大湖塘社区. Townships and names without a committee suffix (虚拟生活区 and
 * the like) come back normalized but otherwise as they are.
 */
export function shortPlaceName(officialName: string): string {
  const name = normalizePlaceName(officialName);
  // Some lists spell a subdistrict out as its office, 某某街道办事处; people say 某某街道.
  if (name.endsWith('街道办事处')) return name.slice(0, -3);
  if (TOWNSHIP_SUFFIX.test(name)) return name;
  return parseVillageName(name).short;
}

/**
 * Whether a village-level place is a village (村委会) or an urban community (社区/居委会),
 * read from its name; when the name does not say (林场生活区 and the like), from the code's
 * last three digits as the statistical standard assigns them (001–199 居委会, 200–399
 * 村委会, 400–499 like a 居委会, 500–599 like a 村委会); failing both, a village.
 */
export function villageKind(name: string, code?: string): VillageKind {
  const kind = parseVillageName(name).kind;
  if (kind !== undefined) return kind;
  if (code !== undefined && /^\d{12}$/.test(code)) {
    const n = Number(code.slice(9));
    if ((n >= 1 && n < 200) || (n >= 400 && n < 500)) return 'community';
  }
  return 'village';
}

/**
 * The normalized forms a person might type for a place: the official name, the short name,
 * the bare stem (锦石) and the other committee spellings (锦石村委会, 吴家巷居委会). A stem of
 * one character is left out: 东 would match far too much. Whether a stem is unambiguous
 * among the places being matched is the caller's concern.
 */
export function nameKeys(officialName: string): string[] {
  const name = normalizePlaceName(officialName);
  const keys = new Set<string>();
  const add = (k: string | undefined): void => {
    if (k !== undefined && k.length > 0) keys.add(k);
  };
  const addStem = (stem: string): void => {
    if (stem.length >= 2) keys.add(stem);
  };
  add(name);

  const township = shortPlaceName(name);
  const ts = TOWNSHIP_SUFFIX.exec(township);
  if (ts) {
    add(township);
    const ethnic = ETHNIC_TOWNSHIP.exec(township);
    if (ethnic?.[1] !== undefined) {
      add(`${ethnic[1]}乡`);
      addStem(ethnic[1]);
    } else {
      addStem(township.slice(0, -(ts[1] ?? '').length));
    }
    if (township.endsWith('街道')) add(`${township}办事处`);
    return [...keys];
  }

  const parsed = parseVillageName(name);
  add(parsed.short);
  if (parsed.stem !== undefined) {
    addStem(parsed.stem);
    if (parsed.stem.length > 0) {
      const spellings = parsed.short.endsWith('社区')
        ? ['社区居委会', '居委会', '社区居民委员会', '居民委员会']
        : ['村委会', '村民委员会'];
      for (const s of spellings) add(parsed.stem + s);
    }
  }
  return [...keys];
}

/** Whether what someone typed names this place (exactly, up to the forms of `nameKeys`). */
export function placeNameMatches(query: string, officialName: string): boolean {
  const q = normalizePlaceName(query);
  return q.length > 0 && nameKeys(officialName).includes(q);
}
