import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGridvaxError } from './errors.js';
import {
  PLACE_LEVELS,
  ancestorCode,
  checkChildCode,
  childLevel,
  codeLength,
  gridCode,
  isAncestorOrSelf,
  levelOfCode,
  nameKeys,
  normalizePlaceName,
  parentCode,
  parentLevel,
  placeNameMatches,
  shortPlaceName,
  validatePlaceCode,
  villageKind,
} from './places.js';

const JINSHI_TOWNSHIP = '430321205';
const WUJIAXIANG = '430321100001';

describe('codes', () => {
  it('knows each level by its length', () => {
    expect(levelOfCode('43')).toBe('province');
    expect(levelOfCode('4303')).toBe('city');
    expect(levelOfCode('430321')).toBe('county');
    expect(levelOfCode(JINSHI_TOWNSHIP)).toBe('township');
    expect(levelOfCode(WUJIAXIANG)).toBe('village');
    expect(levelOfCode(`${WUJIAXIANG}007`)).toBe('grid');
    expect(PLACE_LEVELS.map(codeLength)).toEqual([2, 4, 6, 9, 12, 15]);
  });

  it('refuses what is not a code', () => {
    for (const bad of [
      '',
      '4',
      '430',
      '43032',
      '4303211',
      'abcdef',
      '43032x',
      ' 430321',
      '430321 ',
      '４３',
    ]) {
      expect(levelOfCode(bad), bad).toBeUndefined();
    }
  });

  it('refuses a level part of all zeros, as padded codes have', () => {
    expect(levelOfCode('430321000000')).toBeUndefined();
    expect(levelOfCode('430321000')).toBeUndefined();
    expect(levelOfCode('430000')).toBeUndefined();
    expect(levelOfCode('00')).toBeUndefined();
    expect(levelOfCode(`${WUJIAXIANG}000`)).toBeUndefined();
    expect(levelOfCode('430321100010')).toBe('village');
  });

  it('walks up and down the levels', () => {
    expect(parentCode(`${WUJIAXIANG}001`)).toBe(WUJIAXIANG);
    expect(parentCode(WUJIAXIANG)).toBe('430321100');
    expect(parentCode('430321100')).toBe('430321');
    expect(parentCode('430321')).toBe('4303');
    expect(parentCode('4303')).toBe('43');
    expect(parentCode('43')).toBeUndefined();
    expect(parentCode('4303210')).toBeUndefined();
    expect(childLevel('township')).toBe('village');
    expect(childLevel('grid')).toBeUndefined();
    expect(parentLevel('province')).toBeUndefined();
    expect(parentLevel('county')).toBe('city');
    expect(ancestorCode(WUJIAXIANG, 'county')).toBe('430321');
    expect(ancestorCode('430321', 'village')).toBeUndefined();
  });

  it('relates ancestors by prefix', () => {
    expect(isAncestorOrSelf('430321', WUJIAXIANG)).toBe(true);
    expect(isAncestorOrSelf('43', WUJIAXIANG)).toBe(true);
    expect(isAncestorOrSelf(WUJIAXIANG, WUJIAXIANG)).toBe(true);
    expect(isAncestorOrSelf('430322', WUJIAXIANG)).toBe(false);
    expect(isAncestorOrSelf(WUJIAXIANG, '430321')).toBe(false);
    // A malformed prefix is no ancestor even if the characters line up.
    expect(isAncestorOrSelf('430', WUJIAXIANG)).toBe(false);
    expect(isAncestorOrSelf('', WUJIAXIANG)).toBe(false);
  });

  it('has every code descend from each of its parents (property)', () => {
    const segment = (width: number) =>
      fc.integer({ min: 1, max: 10 ** width - 1 }).map((n) => String(n).padStart(width, '0'));
    const gridArb = fc
      .tuple(segment(2), segment(2), segment(2), segment(3), segment(3), segment(3))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(gridArb, (grid) => {
        let code: string | undefined = grid;
        let depth = PLACE_LEVELS.length - 1;
        while (code !== undefined) {
          expect(levelOfCode(code)).toBe(PLACE_LEVELS[depth]);
          expect(isAncestorOrSelf(code, grid)).toBe(true);
          const up = parentCode(code);
          if (up !== undefined) expect(checkChildCode(up, code)).toBeUndefined();
          code = up;
          depth -= 1;
        }
        expect(depth).toBe(-1);
      }),
    );
  });

  it('makes grid codes under a village', () => {
    expect(gridCode(WUJIAXIANG, 1)).toBe('430321100001001');
    expect(gridCode(WUJIAXIANG, 42)).toBe('430321100001042');
    expect(gridCode(WUJIAXIANG, 999)).toBe('430321100001999');
    expect(levelOfCode(gridCode(WUJIAXIANG, 5))).toBe('grid');
    for (const n of [0, 1000, 1.5, -1, Number.NaN]) {
      try {
        gridCode(WUJIAXIANG, n);
        expect.unreachable();
      } catch (e) {
        expect(isGridvaxError(e) && e.kind === 'invalid-input' && e.code === 'place.grid-number').toBe(true);
      }
    }
    expect(() => gridCode(JINSHI_TOWNSHIP, 1)).toThrow(/village|村/);
  });

  it('says why a code is wrong, in both languages', () => {
    expect(validatePlaceCode(JINSHI_TOWNSHIP)).toBeUndefined();
    expect(validatePlaceCode(JINSHI_TOWNSHIP, 'township')).toBeUndefined();
    const malformed = validatePlaceCode('43032120', 'township', 'townshipCode');
    expect(malformed).toMatchObject({ code: 'place.code', field: 'townshipCode' });
    expect(malformed?.message.zh).toContain('9 位');
    expect(malformed?.message.en).toContain('9 digits');
    const wrongLevel = validatePlaceCode('430321', 'village');
    expect(wrongLevel?.code).toBe('place.level');
    expect(wrongLevel?.field).toBeUndefined();
    expect(wrongLevel?.message.en).toContain('county');
  });

  it('checks that a child sits under its parent', () => {
    expect(checkChildCode(JINSHI_TOWNSHIP, '430321205201')).toBeUndefined();
    expect(checkChildCode('430321', JINSHI_TOWNSHIP)).toBeUndefined();
    expect(checkChildCode('430321100', '430321205201')?.code).toBe('place.parent');
    expect(checkChildCode('430322', JINSHI_TOWNSHIP)?.code).toBe('place.parent');
    expect(checkChildCode('430321', '430321205201')?.code).toBe('place.level');
    expect(checkChildCode('43032', JINSHI_TOWNSHIP)?.code).toBe('place.code');
    expect(checkChildCode(`${WUJIAXIANG}001`, `${WUJIAXIANG}001`)?.code).toBe('place.level');
    expect(checkChildCode('430321100', '4303211000x1', 'villageCode')).toMatchObject({
      code: 'place.code',
      field: 'villageCode',
    });
  });
});

describe('names', () => {
  it('shortens the official committee names to what officials write', () => {
    const cases: [string, string][] = [
      ['锦石村委会', '锦石村'],
      ['大坪村民委员会', '大坪村'],
      ['花果山社区居民委员会', '花果山社区'],
      ['吴家巷社区居委会', '吴家巷社区'],
      ['富豪阁社区居委会', '富豪阁社区'],
      ['大湖塘居民委员会', '大湖塘社区'],
      ['某某居委会', '某某社区'],
      ['八方社区委员会', '八方社区'],
      ['文艺新村社区居委会', '文艺新村社区'],
      // The place's own name already says 村 or 社区.
      ['罗巷新村村民委员会', '罗巷新村'],
      ['西水社区村委会', '西水社区'],
      // Already short.
      ['锦石村', '锦石村'],
      ['花果山社区', '花果山社区'],
      // Slips in the official list.
      ['韶山市清溪镇火车站社区居民委员会会', '韶山市清溪镇火车站社区'],
      ['吉家冲村村委会会', '吉家冲村'],
      ['上田社区居委会会', '上田社区'],
      ['罗巷新村村民委委会', '罗巷新村'],
      ['桂花村季会', '桂花村'],
      ['鸡公垭村村民居委会', '鸡公垭村'],
      // Nothing to shorten.
      ['红色农场虚拟生活区', '红色农场虚拟生活区'],
      ['锦石乡', '锦石乡'],
      ['易俗河镇', '易俗河镇'],
      ['文艺路街道办事处', '文艺路街道'],
      // Spaces typed or pasted in.
      [' 锦石　村委会 ', '锦石村'],
    ];
    for (const [official, short] of cases) expect(shortPlaceName(official), official).toBe(short);
  });

  it('tells villages from communities', () => {
    expect(villageKind('锦石村委会')).toBe('village');
    expect(villageKind('锦石村')).toBe('village');
    expect(villageKind('大坪村民委员会')).toBe('village');
    expect(villageKind('吴家巷社区居委会')).toBe('community');
    expect(villageKind('花果山社区居民委员会')).toBe('community');
    expect(villageKind('大湖塘居民委员会')).toBe('community');
    expect(villageKind('某某居委会')).toBe('community');
    expect(villageKind('花果山社区')).toBe('community');
    // The committee decides: a village committee that calls its place a 社区 is still one.
    expect(villageKind('西水社区村委会')).toBe('village');
    // Only the code can tell.
    expect(villageKind('红星社区居委会二', '430111010002')).toBe('community');
    expect(villageKind('原种场虚拟生活区', '430802404598')).toBe('village');
    expect(villageKind('某某生活区', '430523402401')).toBe('community');
    expect(villageKind('某某生活区')).toBe('village');
  });

  it('normalizes what people type', () => {
    expect(normalizePlaceName('　锦石 村\t')).toBe('锦石村');
    expect(normalizePlaceName('塘基上（青山里）村')).toBe('塘基上(青山里)村');
  });

  it('gives the forms a person might type for a village or community', () => {
    expect(nameKeys('锦石村委会')).toEqual(['锦石村委会', '锦石村', '锦石', '锦石村民委员会']);
    expect(nameKeys('花果山社区居民委员会')).toEqual([
      '花果山社区居民委员会',
      '花果山社区',
      '花果山',
      '花果山社区居委会',
      '花果山居委会',
      '花果山居民委员会',
    ]);
    expect(nameKeys('大湖塘居民委员会')).toContain('大湖塘社区');
    expect(nameKeys('东村委会')).not.toContain('东');
    expect(nameKeys('红色农场虚拟生活区')).toEqual(['红色农场虚拟生活区']);
  });

  it('gives the forms a person might type for a township', () => {
    expect(nameKeys('锦石乡')).toEqual(['锦石乡', '锦石']);
    expect(nameKeys('易俗河镇')).toEqual(['易俗河镇', '易俗河']);
    expect(nameKeys('文艺路街道')).toEqual(['文艺路街道', '文艺路', '文艺路街道办事处']);
    expect(nameKeys('三官寺土家族乡')).toEqual(['三官寺土家族乡', '三官寺乡', '三官寺']);
    expect(nameKeys('枫树维吾尔族回族乡')).toEqual(['枫树维吾尔族回族乡', '枫树乡', '枫树']);
    expect(nameKeys('白水瑶族乡')).toContain('白水乡');
  });

  it('matches what was typed against the official name', () => {
    expect(placeNameMatches('锦石', '锦石村委会')).toBe(true);
    expect(placeNameMatches(' 锦石村 ', '锦石村委会')).toBe(true);
    expect(placeNameMatches('吴家巷居委会', '吴家巷社区居委会')).toBe(true);
    expect(placeNameMatches('锦石乡', '锦石村委会')).toBe(false);
    expect(placeNameMatches('', '锦石村委会')).toBe(false);
    expect(placeNameMatches('锦', '锦石村委会')).toBe(false);
  });
});
