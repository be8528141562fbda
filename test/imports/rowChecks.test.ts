import { describe, expect, it } from 'vitest';
import { fieldOfHeader, findHeader, parseColumnMap } from '../../src/app/imports/headers.js';
import { PlaceMatcher, type PlaceRecord } from '../../src/app/imports/placeMatch.js';
import {
  checkRow,
  normalizeName,
  normalizePhone,
  parseBirthDate,
  parseSex,
} from '../../src/app/imports/rowCheck.js';

const COUNTY: PlaceRecord = {
  code: '430321',
  level: 'county',
  name: '湘潭县',
  short_name: '湘潭县',
  parent_code: '4303',
};
const place = (code: string, name: string): PlaceRecord => ({
  code,
  level: code.length === 9 ? 'township' : code.length === 12 ? 'village' : 'grid',
  name,
  short_name: name,
  parent_code: code.slice(0, code.length === 15 ? 12 : code.length === 12 ? 9 : 6),
});
const PLACES = [
  place('430321205', '锦石乡'),
  place('430321205206', '锦石村委会'),
  place('430321205201', '唐家湖村委会'),
  place('430321205206001', '网格001'),
  place('430321205206002', '网格002'),
  place('430321100', '易俗河镇'),
  place('430321100013', '花果山社区居民委员会'),
  place('430321100001', '吴家巷社区居委会'),
  place('430321102', '谭家山镇'),
  // Two villages of one name in different townships.
  place('430321100201', '烟塘村委会'),
  place('430321102201', '烟塘村委会'),
];

describe('headers', () => {
  it('recognizes the usual headers however they are decorated', () => {
    expect(fieldOfHeader('身份证号码（18位）')).toBe('idNumber');
    expect(fieldOfHeader('*公民身份号码')).toBe('idNumber');
    expect(fieldOfHeader('证件号码')).toBe('idNumber');
    expect(fieldOfHeader('联系电话(必填)')).toBe('phone');
    expect(fieldOfHeader('手机号码')).toBe('phone');
    expect(fieldOfHeader('村（社区）')).toBe('village');
    expect(fieldOfHeader('乡镇（街道）')).toBe('township');
    expect(fieldOfHeader('与户主关系')).toBe('relation');
    expect(fieldOfHeader('户主姓名')).toBe('householdHead');
    expect(fieldOfHeader('现 住 址')).toBe('address');
    expect(fieldOfHeader('备注')).toBeUndefined();
  });

  it('finds the header under title rows, and says what it found when it cannot', () => {
    const rows = [
      ['锦石村居民花名册', '', ''],
      ['填报日期：2021-08-05', '', ''],
      ['姓名', '身份证号', '村'],
      ['张三', '430321195003010118', '锦石村'],
    ];
    expect(findHeader(rows)).toMatchObject({ ok: true, index: 2 });
    const miss = findHeader([['序号', '姓名', '小区']]);
    expect(miss).toEqual({ ok: false, found: ['序号', '姓名', '小区'], missing: ['idNumber', 'village'] });
  });

  it('takes --map by header and by letter over recognition', () => {
    const map = parseColumnMap('{"证件号(必填)":"身份证号","D":"grid"}');
    const found = findHeader([['姓名', '证件号（必填）', '村', '片区']], map);
    expect(found.ok && Object.fromEntries(found.columns)).toEqual({
      idNumber: 1,
      grid: 3,
      name: 0,
      village: 2,
    });
    expect(() => parseColumnMap('{"姓名":"nope"}')).toThrow(/nope/);
    expect(() => parseColumnMap('not json')).toThrow(/JSON/);
  });
});

describe('cell rules', () => {
  it('reads phones: mobiles, landlines with and without an area code, +86, several in a cell', () => {
    expect(normalizePhone('138 0732 1234')).toBe('13807321234');
    expect(normalizePhone('+86 139-7321-0000')).toBe('13973210000');
    expect(normalizePhone('１３８０７３２１２３４')).toBe('13807321234');
    expect(normalizePhone('0731-5786 2345')).toBe('0731-57862345');
    expect(normalizePhone('(010)62345678')).toBe('010-62345678');
    expect(normalizePhone('57862345')).toBe('57862345');
    expect(normalizePhone('13807321234/0731-57862345')).toBe('13807321234');
    expect(normalizePhone('12345')).toBeUndefined();
    expect(normalizePhone('10086123456')).toBeUndefined();
    expect(normalizePhone('无')).toBeUndefined();
  });

  it('reads birth dates as people type them', () => {
    expect(parseBirthDate('1950-03-01')).toBe('1950-03-01');
    expect(parseBirthDate('1950/3/1')).toBe('1950-03-01');
    expect(parseBirthDate('1950.3.1')).toBe('1950-03-01');
    expect(parseBirthDate('1950年3月1日')).toBe('1950-03-01');
    expect(parseBirthDate('19500301')).toBe('1950-03-01');
    expect(parseBirthDate('1950-03-01 00:00:00')).toBe('1950-03-01');
    expect(parseBirthDate('1950年3月')).toBe('1950-03');
    expect(parseBirthDate('18323')).toBe('1950-03-01'); // an Excel serial day
    expect(parseBirthDate('1990-13-01')).toBeUndefined();
    expect(parseBirthDate('不详')).toBeUndefined();
  });

  it('reads sex and names', () => {
    expect(['男', '女', 'M', 'f', '1', '2', '未知'].map(parseSex)).toEqual([
      'M',
      'F',
      'M',
      'F',
      'M',
      'F',
      undefined,
    ]);
    expect(normalizeName(' 张 三  ')).toBe('张三');
    expect(normalizeName('买买提.艾力')).toBe('买买提·艾力');
    expect(normalizeName('John  Smith')).toBe('John Smith');
  });
});

describe('place matching', () => {
  const matcher = () => new PlaceMatcher(COUNTY, PLACES);

  it('matches villages by the names officials write, by code, and with the township in front', () => {
    const m = matcher();
    const grid = (t: string, v: string, g: string) => {
      const r = m.match(t, v, g);
      return r.ok ? r.grid : r.problems[0]?.code;
    };
    expect(grid('锦石乡', '锦石村', '网格001')).toBe('430321205206001');
    expect(grid('', '锦石村委会', '网格002')).toBe('430321205206002');
    expect(grid('', '锦石', '2网格')).toBe('430321205206002');
    expect(grid('湘潭县锦石乡', '锦石乡锦石村', '第1网格')).toBe('430321205206001');
    expect(grid('430321205', '430321205206', '430321205206002')).toBe('430321205206002');
    expect(grid('', '', '430321205206001')).toBe('430321205206001');
    expect(grid('易俗河镇', '花果山社区', '花果山一网格')).toBe('430321100013001'); // created
    expect(grid('', '花果山', '第1网格')).toBe('430321100013001'); // the same grid
    expect(grid('', '吴家巷社区', '')).toBe('430321100001001'); // no grid yet: 未分网格
    expect(grid('', '烟塘村', '一组')).toBe('place.village-ambiguous');
    expect(grid('谭家山镇', '烟塘村', '一组')).toBe('430321102201001');
    expect(grid('锦石乡', '花果山社区', '1')).toBe('place.township-village');
    expect(grid('', '石头村', '1')).toBe('place.village');
    expect(grid('', '锦石村', '')).toBe('place.grid-empty');
    expect(grid('', '锦石村', '430321205201001')).toBe('place.grid-village');
    expect(m.newGrid('430321100013001')).toMatchObject({ name: '花果山一网格', parent_code: '430321100013' });
    expect(m.newGrid('430321100001001')?.name).toBe('未分网格');
    expect(m.label('430321205206001')).toBe('锦石乡锦石村网格001');
  });

  it('keeps a scoped caller to its places', () => {
    const m = new PlaceMatcher(COUNTY, PLACES, ['430321205206']);
    expect(m.match('', '锦石村', '网格001').ok).toBe(true);
    expect(m.match('', '唐家湖村', '一组')).toMatchObject({ ok: false });
  });

  it('checks a whole row and reports every problem in it', () => {
    const columns = new Map([
      ['name', 0],
      ['idNumber', 1],
      ['sex', 2],
      ['birthDate', 3],
      ['phone', 4],
      ['village', 5],
      ['grid', 6],
    ] as const);
    const r = checkRow(
      { n: 7, cells: ['', '430321195003010118', '女', '1951-01-01', '123', '石头村', '1'] },
      { columns, today: '2021-08-09', places: matcher() },
    );
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual([
      'name.empty',
      'sex.id-mismatch',
      'birth.id-mismatch',
      'phone.value',
      'place.village',
    ]);
    const ok = checkRow(
      { n: 8, cells: ['张三', '430321500301011', '男', '1950-03-01', '', '锦石村', '网格001'] },
      { columns, today: '2021-08-09', places: matcher() },
    );
    expect(ok).toMatchObject({
      ok: true,
      row: { idNumber: '430321195003010118', birthDate: '1950-03-01', phone: null },
    });
  });
});
