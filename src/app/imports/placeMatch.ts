/**
 * Matching what a register says about where someone lives (乡镇, 村/社区, 网格) to the county's
 * places. Townships and villages are matched by code or by name, including the forms officials
 * write (锦石村 for 锦石村委会, 花果山社区 for 花果山社区居民委员会, the bare 锦石; see nameKeys in
 * src/domain/places.ts), with the county's or township's name in front or not. A name that
 * fits two villages of the county is ambiguous unless the township says which.
 *
 * Grids are local: a grid named in the file that does not exist under the matched village yet
 * is created (code = village + the next free three digits) and counted. Grid names are
 * compared loosely — 第1网格, 1网格, 网格001, 第一网格 and 锦石村第1网格 are one grid — because
 * the same grid is typed a dozen ways across a village's sheets.
 *
 * A register file has a few hundred distinct place combinations among its million rows, so
 * each combination is resolved once and remembered.
 */
import type { Scope } from '../records/findResident.js';
import { inScope } from '../records/findResident.js';
import { nameKeys, normalizePlaceName, shortPlaceName } from '../../domain/places.js';
import { type Problem, problem } from './problems.js';

export interface PlaceRecord {
  code: string;
  level: 'county' | 'township' | 'village' | 'grid';
  name: string;
  short_name: string;
  parent_code: string | null;
}

export type PlaceMatch = { ok: true; village: string; grid: string } | { ok: false; problems: Problem[] };

/** The name a grid gets when a row names none and its village has no grid yet. */
export const UNASSIGNED_GRID = '未分网格';

interface Grid {
  code: string;
  name: string;
  canon: string;
  created: boolean;
}

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (grids and groups never reach a hundred). */
function chineseNumber(s: string): string {
  if (!s.includes('十')) return [...s].map((c) => String(CN_DIGITS[c] ?? c)).join('');
  const [tens, ones] = s.split('十') as [string, string];
  const t = tens === '' ? 1 : (CN_DIGITS[tens] ?? 0);
  const o = ones === '' ? 0 : (CN_DIGITS[ones] ?? 0);
  return String(t * 10 + o);
}

export class PlaceMatcher {
  private readonly townships = new Set<string>();
  private readonly townshipByKey = new Map<string, string[]>();
  private readonly villageByKey = new Map<string, string[]>();
  private readonly villageKeys = new Map<string, string[]>();
  private readonly names = new Map<string, string>();
  private readonly grids = new Map<string, Grid[]>();
  private readonly existingGrids = new Map<string, number>();
  private readonly nextGrid = new Map<string, number>();
  private readonly cache = new Map<string, PlaceMatch>();
  private readonly countyPrefixes: string[];
  private readonly created = new Map<string, PlaceRecord>();

  constructor(
    private readonly county: PlaceRecord,
    places: readonly PlaceRecord[],
    private readonly scope?: Scope,
  ) {
    const visible = (code: string) => inScope(scope, code) || (scope ?? []).some((p) => p.startsWith(code));
    this.countyPrefixes = [...new Set([normalizePlaceName(county.name), shortPlaceName(county.name)])]
      .filter((k) => k.length > 0)
      .sort((a, b) => b.length - a.length);
    for (const p of places) {
      this.names.set(p.code, p.level === 'grid' ? p.name : shortPlaceName(p.name));
      if (!visible(p.code)) continue;
      if (p.level === 'township') {
        this.townships.add(p.code);
        for (const k of [...nameKeys(p.name), normalizePlaceName(p.short_name)])
          add(this.townshipByKey, k, p.code);
      } else if (p.level === 'village') {
        const keys = [...new Set([...nameKeys(p.name), normalizePlaceName(p.short_name)])];
        this.villageKeys.set(
          p.code,
          keys.sort((a, b) => b.length - a.length),
        );
        for (const k of keys) add(this.villageByKey, k, p.code);
      }
    }
    for (const p of places) {
      if (p.level !== 'grid' || !visible(p.code)) continue;
      const village = p.code.slice(0, 12);
      const list = this.grids.get(village) ?? [];
      list.push({ code: p.code, name: p.name, canon: this.canonGrid(village, p.name), created: false });
      this.grids.set(village, list);
    }
    for (const p of places) {
      if (p.level !== 'grid') continue;
      const village = p.code.slice(0, 12);
      this.existingGrids.set(village, (this.existingGrids.get(village) ?? 0) + 1);
      const n = Number(p.code.slice(12));
      if (n >= (this.nextGrid.get(village) ?? 1)) this.nextGrid.set(village, n + 1);
    }
  }

  /**
   * The grid a match created for this code, if it did: the caller writes it when a row it
   * stores uses it (a grid named only by rejected rows is never written).
   */
  newGrid(code: string): PlaceRecord | undefined {
    return this.created.get(code);
  }

  /** "锦石乡锦石村 第1网格" for messages: the township, village and grid names of a code. */
  label(code: string): string {
    const parts: string[] = [];
    for (const len of [9, 12, 15]) {
      const name = code.length >= len ? this.names.get(code.slice(0, len)) : undefined;
      if (name !== undefined) parts.push(name);
    }
    return parts.length > 0 ? parts.join('') : code;
  }

  match(township: string, village: string, grid: string): PlaceMatch {
    const key = `${township}\u0001${village}\u0001${grid}`;
    let m = this.cache.get(key);
    if (!m) {
      m = this.resolve(township.trim(), village.trim(), grid.trim());
      this.cache.set(key, m);
    }
    return m;
  }

  private resolve(townshipText: string, villageText: string, gridText: string): PlaceMatch {
    const county = this.county.code;
    // A township, when given, narrows the village search.
    let township: string | undefined;
    if (townshipText !== '') {
      const t = this.townshipOf(townshipText);
      if (!t.ok) return t;
      township = t.code;
    }
    let village: string | undefined;
    const gridCode = /^\d{15}$/.test(normalizePlaceName(gridText)) ? normalizePlaceName(gridText) : undefined;
    if (villageText !== '') {
      const v = this.villageOf(villageText, township);
      if (!v.ok) return v;
      village = v.code;
    } else if (gridCode !== undefined) {
      village = gridCode.slice(0, 12);
      if (!this.villageKeys.has(village)) {
        return fail(
          'place.grid',
          `网格代码“${gridCode}”不在本县（${county}）的村（社区）之下`,
          `grid code "${gridCode}" is not under a village of county ${county}`,
        );
      }
    } else {
      return fail('place.village-empty', '村（社区）为空', 'the village is empty');
    }
    if (township !== undefined && !village.startsWith(township)) {
      return fail(
        'place.township-village',
        `${this.label(village)}不属于${this.label(township)}`,
        `${village} (${this.label(village)}) is not in township ${township} (${this.label(township)})`,
      );
    }
    return this.gridOf(village, gridText, gridCode);
  }

  private stripCounty(text: string): string {
    const t = normalizePlaceName(text);
    for (const p of this.countyPrefixes) if (t.startsWith(p) && t.length > p.length) return t.slice(p.length);
    return t;
  }

  private townshipOf(text: string): { ok: true; code: string } | { ok: false; problems: Problem[] } {
    const t = this.stripCounty(text);
    if (/^\d{9}$/.test(t)) {
      if (this.townships.has(t)) return { ok: true, code: t };
      return fail('place.township', `乡镇代码“${t}”不在本县`, `township code "${t}" is not in this county`);
    }
    const found = this.townshipByKey.get(t) ?? [];
    if (found.length === 1) return { ok: true, code: found[0] as string };
    if (found.length > 1) {
      return fail('place.township-ambiguous', `乡镇“${text}”不唯一`, `township "${text}" is ambiguous`);
    }
    return fail('place.township', `本县没有乡镇“${text}”`, `no township "${text}" in this county`);
  }

  private villageOf(
    text: string,
    township: string | undefined,
  ): { ok: true; code: string } | { ok: false; problems: Problem[] } {
    const v = this.stripCounty(text);
    if (/^\d{12}$/.test(v)) {
      if (this.villageKeys.has(v)) return { ok: true, code: v };
      return fail(
        'place.village',
        `村（社区）代码“${v}”不在本县`,
        `village code "${v}" is not in this county`,
      );
    }
    let found = this.villageByKey.get(v) ?? [];
    if (found.length === 0) {
      // "锦石乡锦石村": a township's name in front of the village's.
      for (const [k, codes] of this.townshipByKey) {
        if (k.length < 2 || !v.startsWith(k) || v.length === k.length) continue;
        const rest = (this.villageByKey.get(v.slice(k.length)) ?? []).filter((c) =>
          codes.some((t) => c.startsWith(t)),
        );
        if (rest.length > 0) {
          found = rest;
          break;
        }
      }
    }
    const inTownship = township === undefined ? found : found.filter((c) => c.startsWith(township));
    if (inTownship.length === 1) return { ok: true, code: inTownship[0] as string };
    if (inTownship.length > 1) {
      const where = inTownship.map((c) => this.label(c)).join('、');
      return fail(
        'place.village-ambiguous',
        `村（社区）“${text}”在本县不唯一（${where}），请填写乡镇`,
        `village "${text}" is ambiguous in this county (${inTownship.join(', ')}): give the township`,
      );
    }
    if (found.length > 0 && township !== undefined) {
      return fail(
        'place.township-village',
        `${this.label(township)}没有村（社区）“${text}”（${found.map((c) => this.label(c)).join('、')}在别的乡镇）`,
        `township ${township} has no village "${text}" (found in another township: ${found.join(', ')})`,
      );
    }
    return fail('place.village', `本县没有村（社区）“${text}”`, `no village "${text}" in this county`);
  }

  private canonGrid(village: string, name: string): string {
    let s = normalizePlaceName(name);
    for (const k of this.villageKeys.get(village) ?? []) {
      if (s.startsWith(k) && s.length > k.length) {
        s = s.slice(k.length);
        break;
      }
    }
    const canon = s
      .replace(/[零一二两三四五六七八九十]+/gu, chineseNumber)
      .replace(/第|网格|号/gu, '')
      .replace(/\d+/gu, (d) => String(Number(d)));
    return canon.length > 0 ? canon : s;
  }

  private gridOf(village: string, text: string, code: string | undefined): PlaceMatch {
    const grids = this.grids.get(village) ?? [];
    if (code !== undefined) {
      if (!code.startsWith(village)) {
        return fail(
          'place.grid-village',
          `网格代码“${code}”不属于${this.label(village)}（${village}）`,
          `grid code "${code}" is not under village ${village}`,
        );
      }
      if (grids.some((g) => g.code === code)) return { ok: true, village, grid: code };
      return fail('place.grid', `网格代码“${code}”不存在`, `no grid with code "${code}"`);
    }
    let name = normalizePlaceName(text);
    if (name === '') {
      // No grid named: the village's only grid, or a new "未分网格" if it has none yet. With
      // several, the row cannot be placed without guessing.
      const existing = this.existingGrids.get(village) ?? 0;
      const before = grids.filter((g) => !g.created);
      if (existing === 1 && before.length === 1) return { ok: true, village, grid: (before[0] as Grid).code };
      if (existing > 1) {
        return fail(
          'place.grid-empty',
          `网格为空，而${this.label(village)}有 ${existing} 个网格，无法确定`,
          `no grid given, and village ${village} has ${existing} grids to choose from`,
        );
      }
      name = UNASSIGNED_GRID;
    }
    const canon = this.canonGrid(village, name);
    const found = grids.find((g) => g.canon === canon);
    if (found) return { ok: true, village, grid: found.code };
    if (!inScope(this.scope, village)) {
      return fail(
        'place.grid',
        `${this.label(village)}没有网格“${text}”`,
        `village ${village} has no grid "${text}"`,
      );
    }
    const n = this.nextGrid.get(village) ?? 1;
    if (n > 999) {
      return fail(
        'place.grid-full',
        `${this.label(village)}已有 999 个网格编号，无法新建网格“${name}”`,
        `village ${village} has used all 999 grid numbers; cannot create grid "${name}"`,
      );
    }
    const gridCode = village + String(n).padStart(3, '0');
    this.nextGrid.set(village, n + 1);
    grids.push({ code: gridCode, name, canon, created: true });
    this.grids.set(village, grids);
    this.names.set(gridCode, name);
    this.created.set(gridCode, {
      code: gridCode,
      level: 'grid',
      name,
      short_name: name,
      parent_code: village,
    });
    return { ok: true, village, grid: gridCode };
  }
}

function add(map: Map<string, string[]>, key: string, code: string): void {
  if (key.length === 0) return;
  const list = map.get(key);
  if (!list) map.set(key, [code]);
  else if (!list.includes(code)) list.push(code);
}

function fail(code: string, zh: string, en: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [problem(code, zh, en)] };
}
