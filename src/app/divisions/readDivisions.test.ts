import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isGridvaxError, type ErrorDetail, type ErrorKind } from '../../domain/errors.js';
import { shortPlaceName, villageKind } from '../../domain/places.js';
import { DIVISION_FILES, readDivisions, type DivisionSet } from './readDivisions.js';
import { projectFile } from '../../projectRoot.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
// The Hunan extract lives beside the repository, not in it; elsewhere these cases are skipped.
const HUNAN =
  process.env['GRIDVAX_HUNAN_DIVISIONS'] ?? projectFile('..', 'shared', 'data', 'divisions-hunan');
const haveHunan = existsSync(join(HUNAN, 'villages.csv'));
const SHIPPED = join(REPO, 'assets/divisions/430321');

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped Xiangtan County files with some of them replaced. */
function fixture(replace: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-divisions-'));
  tempDirs.push(dir);
  for (const file of DIVISION_FILES) {
    const content = replace[file];
    if (content === null) continue;
    if (content === undefined) copyFileSync(join(SHIPPED, file), join(dir, file));
    else writeFileSync(join(dir, file), content);
  }
  return dir;
}

const shipped = (file: string): string => readFileSync(join(SHIPPED, file), 'utf8');

/** The shipped file with `line` (1-based) replaced, or `extra` lines appended. */
function edited(file: string, line: number | undefined, replacement: string, extra: string[] = []): string {
  const lines = shipped(file).split('\n');
  if (line !== undefined) lines[line - 1] = replacement;
  if (lines.at(-1) === '') lines.pop();
  return [...lines, ...extra, ''].join('\n');
}

function failure(fn: () => unknown): { kind: ErrorKind; detail: ErrorDetail } {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, detail: e.detail };
    throw e;
  }
  throw new Error('expected a GridvaxError');
}

function expectXiangtan(set: DivisionSet): void {
  expect(set.counties).toEqual([
    {
      code: '430321',
      name: '湘潭县',
      cityCode: '4303',
      cityName: '湘潭市',
      provinceCode: '43',
      provinceName: '湖南省',
    },
  ]);
  expect(set.townships).toHaveLength(17);
  expect(set.villages).toHaveLength(351);
  expect(set.townships).toContainEqual({ code: '430321205', name: '锦石乡', countyCode: '430321' });
  const townshipNames = set.townships.map((t) => t.name);
  expect(townshipNames).toEqual(expect.arrayContaining(['乌石镇', '谭家山镇', '易俗河镇']));
  const yisuhe = set.townships.find((t) => t.name === '易俗河镇')?.code;
  const communities = set.villages
    .filter((v) => v.townshipCode === yisuhe)
    .map((v) => shortPlaceName(v.name));
  expect(communities).toEqual(expect.arrayContaining(['吴家巷社区', '花果山社区', '富豪阁社区']));
  for (const v of set.villages) {
    expect(v.code.startsWith(v.townshipCode)).toBe(true);
    expect(set.townships.some((t) => t.code === v.townshipCode)).toBe(true);
  }
}

describe.skipIf(!haveHunan)('readDivisions on the Hunan files', () => {
  it('reads Xiangtan County out of the Hunan files', () => {
    expectXiangtan(readDivisions(HUNAN, ['430321']));
  });

  it('reads the same from the shipped assets', () => {
    const fromAssets = readDivisions(SHIPPED, ['430321']);
    expectXiangtan(fromAssets);
    expect(fromAssets).toEqual(readDivisions(HUNAN, ['430321']));
  });

  it('reads two counties at once, each under its own city', () => {
    const set = readDivisions(HUNAN, ['430321', '430102', '430321']);
    expect(set.counties.map((c) => [c.code, c.name, c.cityName])).toEqual([
      ['430102', '芙蓉区', '长沙市'],
      ['430321', '湘潭县', '湘潭市'],
    ]);
    expect(set.townships.filter((t) => t.countyCode === '430102')).toHaveLength(14);
    expect(set.townships).toHaveLength(14 + 17);
    expect(set.villages).toHaveLength(83 + 351);
  });

  it('reads every county of Hunan, and every official name shortens sensibly', () => {
    const areas = readFileSync(join(HUNAN, 'areas.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.slice(0, 6));
    const set = readDivisions(HUNAN, areas);
    expect(set.counties).toHaveLength(134);
    expect(set.townships).toHaveLength(2008);
    expect(set.villages).toHaveLength(29534);
    // No committee suffix survives, slips in the list included (长沙雨花经济开发区管理委员会虚拟社区
    // has 委员会 inside its name, and 红星社区居委会二 is left as it is).
    const odd = set.villages.filter((v) => /会$/.test(shortPlaceName(v.name)));
    expect(odd.map((v) => v.name)).toEqual([]);
    const unsuffixed = set.villages.filter((v) => !/(村|社区)$/.test(shortPlaceName(v.name)));
    for (const v of unsuffixed) expect(v.name, v.code).toMatch(/生活区|管理区|居委会二/);
    expect(villageKind('红星社区居委会二', '430111010002')).toBe('community');
  });

  it('numbers lines across read chunks (the Hunan villages file is over 1 MiB)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridvax-divisions-'));
    tempDirs.push(dir);
    for (const file of DIVISION_FILES) copyFileSync(join(HUNAN, file), join(dir, file));
    const lines = readFileSync(join(HUNAN, 'villages.csv'), 'utf8').split('\n');
    expect(lines[29534 - 1]).toBe('433130237214,"庆口坳村",433130237,43,4331,433130');
    lines[29534 - 1] = '433130237214,"",433130237,43,4331,433130';
    writeFileSync(join(dir, 'villages.csv'), lines.join('\n'));
    expect(readDivisions(dir, ['430321']).villages).toHaveLength(351);
    expect(failure(() => readDivisions(dir, ['433130'])).detail).toMatchObject({
      code: 'divisions.row',
      file: 'villages.csv',
      row: 29534,
      field: 'name',
    });
  });
});

describe('readDivisions input forms', () => {
  it('reads Xiangtan County from the shipped assets', () => {
    expectXiangtan(readDivisions(SHIPPED, ['430321']));
  });

  it('takes CRLF line ends and a byte-order mark', () => {
    const crlf: Record<string, string> = {};
    for (const file of DIVISION_FILES) crlf[file] = '\ufeff' + shipped(file).replace(/\n/g, '\r\n');
    expectXiangtan(readDivisions(fixture(crlf), ['430321']));
  });

  it('takes the columns in another order and ignores extra ones', () => {
    const provinces = 'name,note,code\n"湖南省","x",43\n';
    expect(readDivisions(fixture({ 'provinces.csv': provinces }), ['430321']).counties[0]?.provinceName).toBe(
      '湖南省',
    );
  });

  it('returns nothing for no counties', () => {
    expect(readDivisions(SHIPPED, [])).toEqual({ counties: [], townships: [], villages: [] });
  });
});

describe('readDivisions errors', () => {
  it('names a missing file', () => {
    for (const file of DIVISION_FILES) {
      const { kind, detail } = failure(() => readDivisions(fixture({ [file]: null }), ['430321']));
      expect(kind).toBe('invalid-input');
      expect(detail).toMatchObject({ code: 'divisions.file-missing', file });
      expect(detail.message.zh).toContain(file);
      expect(detail.message.en).toContain(file);
    }
    expect(failure(() => readDivisions('/nonexistent/gridvax', ['430321'])).detail.code).toBe(
      'divisions.file-missing',
    );
  });

  it('names a header that lacks a needed column', () => {
    const dir = fixture({
      'streets.csv': edited('streets.csv', 1, 'code,name,county,provinceCode,cityCode'),
    });
    const { kind, detail } = failure(() => readDivisions(dir, ['430321']));
    expect(kind).toBe('invalid-input');
    expect(detail).toMatchObject({
      code: 'divisions.header',
      file: 'streets.csv',
      row: 1,
      field: 'areaCode',
    });
    expect(detail.message.en).toContain('areaCode');
  });

  it('treats an empty file as one without a header', () => {
    const { detail } = failure(() => readDivisions(fixture({ 'cities.csv': '' }), ['430321']));
    expect(detail).toMatchObject({ code: 'divisions.header', file: 'cities.csv', row: 1, field: 'code' });
  });

  it('refuses a malformed row under the requested county, with file, line and field', () => {
    const cases: { file: string; line: number; text: string; field: string | undefined }[] = [
      // Too few columns: the first missing one is named.
      {
        file: 'villages.csv',
        line: 3,
        text: '430321100004,"富豪阁社区居委会",430321100,43,4303',
        field: 'areaCode',
      },
      // Too many.
      {
        file: 'villages.csv',
        line: 3,
        text: '430321100004,"富豪阁",430321100,43,4303,430321,x',
        field: undefined,
      },
      // A code of the wrong length, or not digits.
      { file: 'streets.csv', line: 18, text: '43032120,"锦石乡",430321,43,4303', field: 'code' },
      { file: 'streets.csv', line: 18, text: '43032120x,"锦石乡",430321,43,4303', field: 'code' },
      { file: 'areas.csv', line: 2, text: '4303210,"湘潭县",4303,43', field: 'code' },
      // A code that does not sit under its parent columns.
      {
        file: 'villages.csv',
        line: 2,
        text: '430321100001,"吴家巷社区居委会",430321102,43,4303,430321',
        field: 'streetCode',
      },
      {
        file: 'villages.csv',
        line: 2,
        text: '430321100001,"吴家巷社区居委会",430321100,43,4303,430322',
        field: 'areaCode',
      },
      { file: 'streets.csv', line: 2, text: '430321100,"易俗河镇",430321,43,4304', field: 'cityCode' },
      { file: 'areas.csv', line: 2, text: '430321,"湘潭县",4304,43', field: 'cityCode' },
      // An empty name.
      { file: 'villages.csv', line: 352, text: '430321205219,"",430321205,43,4303,430321', field: 'name' },
      { file: 'streets.csv', line: 2, text: '430321100," ",430321,43,4303', field: 'name' },
    ];
    for (const { file, line, text, field } of cases) {
      const { kind, detail } = failure(() =>
        readDivisions(fixture({ [file]: edited(file, line, text) }), ['430321']),
      );
      expect(kind, text).toBe('invalid-input');
      expect(detail, text).toMatchObject({ code: 'divisions.row', file, row: line });
      expect(detail.field, text).toBe(field);
      expect(detail.message.zh.length, text).toBeGreaterThan(0);
      expect(detail.message.en.length, text).toBeGreaterThan(0);
    }
  });

  it('skips a malformed row that is plainly outside the requested counties', () => {
    const outside = [
      '430322001001,"",430322001,43,4303,430322',
      '430322001002,"某村委会",430322001,43',
      '43032200100x,"某村委会",430322001,43,4303,430322',
      '440101001001,"某村委会",440101001,44,4401,440101',
    ];
    const dir = fixture({ 'villages.csv': edited('villages.csv', undefined, '', outside) });
    expectXiangtan(readDivisions(dir, ['430321']));
  });

  it('refuses a malformed row that cannot be placed, or that claims to be inside', () => {
    const rows = [
      'abc,"某村",def,43,4303,ghi',
      '430322001001,"",430322001,43,4303,430321',
      '4303211,"某村",43,4303',
    ];
    for (const text of rows) {
      const dir = fixture({ 'villages.csv': edited('villages.csv', undefined, '', [text]) });
      expect(failure(() => readDivisions(dir, ['430321'])).detail, text).toMatchObject({
        code: 'divisions.row',
        file: 'villages.csv',
        row: 353,
      });
    }
  });

  it('refuses a bad area row of another county once that county is asked for', () => {
    const areas = edited('areas.csv', undefined, '', ['430322,"",4303,43']);
    expect(readDivisions(fixture({ 'areas.csv': areas }), ['430321']).counties).toHaveLength(1);
    expect(
      failure(() => readDivisions(fixture({ 'areas.csv': areas }), ['430321', '430322'])).detail,
    ).toMatchObject({
      code: 'divisions.row',
      file: 'areas.csv',
      row: 3,
      field: 'name',
    });
  });

  it('refuses a bad city or province row that is needed', () => {
    expect(
      failure(() =>
        readDivisions(fixture({ 'cities.csv': edited('cities.csv', 2, '4303,"湘潭市",44') }), ['430321']),
      ).detail,
    ).toMatchObject({ code: 'divisions.row', file: 'cities.csv', row: 2, field: 'provinceCode' });
    expect(
      failure(() =>
        readDivisions(fixture({ 'provinces.csv': edited('provinces.csv', 2, '43,""') }), ['430321']),
      ).detail,
    ).toMatchObject({ code: 'divisions.row', file: 'provinces.csv', row: 2, field: 'name' });
  });

  it('refuses a duplicated code', () => {
    const dup = edited('streets.csv', undefined, '', ['430321205,"锦石乡",430321,43,4303']);
    expect(failure(() => readDivisions(fixture({ 'streets.csv': dup }), ['430321'])).detail).toMatchObject({
      code: 'divisions.row',
      file: 'streets.csv',
      row: 19,
      field: 'code',
    });
  });

  it('refuses a row whose parent is not in the parent file', () => {
    // 锦石乡 (line 18) removed: its villages point nowhere.
    const streets = shipped('streets.csv').replace('430321205,"锦石乡",430321,43,4303\n', '');
    const { detail } = failure(() => readDivisions(fixture({ 'streets.csv': streets }), ['430321']));
    expect(detail).toMatchObject({ code: 'divisions.row', file: 'villages.csv', field: 'streetCode' });
    const firstJinshi = shipped('villages.csv')
      .split('\n')
      .findIndex((l) => l.startsWith('430321205'));
    expect(detail.row).toBe(firstJinshi + 1);

    const noCity = failure(() =>
      readDivisions(fixture({ 'cities.csv': 'code,name,provinceCode\n' }), ['430321']),
    );
    expect(noCity.detail).toMatchObject({
      code: 'divisions.row',
      file: 'areas.csv',
      row: 2,
      field: 'cityCode',
    });
    const noProvince = failure(() => readDivisions(fixture({ 'provinces.csv': 'code,name\n' }), ['430321']));
    expect(noProvince.detail).toMatchObject({ file: 'areas.csv', row: 2, field: 'provinceCode' });
  });

  it('refuses broken CSV quoting with its line', () => {
    const broken = edited('villages.csv', 5, '430321100006,"百花社区居委会,430321100,43,4303,430321');
    const { detail } = failure(() => readDivisions(fixture({ 'villages.csv': broken }), ['430321']));
    expect(detail).toMatchObject({ code: 'divisions.row', file: 'villages.csv' });
    expect(detail.row).toBeGreaterThanOrEqual(5);
  });

  it('says which requested county is unknown', () => {
    const { kind, detail } = failure(() => readDivisions(SHIPPED, ['430321', '430322']));
    expect(kind).toBe('not-found');
    expect(detail).toMatchObject({ code: 'divisions.unknown-county', file: 'areas.csv', field: 'counties' });
    expect(detail.message.zh).toContain('430322');
    expect(detail.message.en).toContain('430322');
  });

  it('refuses a requested code that is not a county code', () => {
    const { kind, detail } = failure(() => readDivisions(SHIPPED, ['4303']));
    expect(kind).toBe('invalid-input');
    expect(detail).toMatchObject({ code: 'place.level', field: 'counties' });
    expect(failure(() => readDivisions(SHIPPED, ['43032x'])).detail.code).toBe('place.code');
  });
});
