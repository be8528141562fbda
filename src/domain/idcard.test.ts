import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  checkCharacter,
  composeIdNumber,
  isProvinceCode,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  requireIdNumber,
  type IdParseResult,
} from './idcard.js';
import { isGridvaxError } from './errors.js';
import { addDays, dateFromDayNumber, dayNumber } from './calendar.js';

const TODAY = '2021-08-09';

function errorCode(r: IdParseResult): string | undefined {
  return r.ok ? undefined : r.error.code;
}

describe('checkCharacter', () => {
  it('gives X for the GB 11643-1999 example 11010519491231002X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('gives 4 for the GB 11643-1999 example 440524188001010014', () => {
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('refuses anything but 17 ASCII digits', () => {
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharacter('110105194912310021')).toThrow(RangeError);
    expect(() => checkCharacter('1101051949123100X')).toThrow(RangeError);
    expect(() => checkCharacter('１1010519491231002')).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it('leaves a clean number as it is', () => {
    expect(normalizeIdNumber('11010519491231002X')).toBe('11010519491231002X');
  });

  it('removes ASCII, full-width, no-break and zero-width spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231 002X\t')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\u3000110105\u00a019491231\u200b002X\r\n')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\ufeff11010519491231002X')).toBe('11010519491231002X');
  });

  it('makes full-width digits ASCII and every x X', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('keeps other characters for the parser to report', () => {
    expect(normalizeIdNumber('110105-19491231-002X')).toBe('110105-19491231-002X');
  });
});

describe('parseIdNumber', () => {
  it('reads the GB 11643-1999 example', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      areaCode: '110105',
      upgradedFrom15: false,
    });
  });

  it('reads sex from the parity of the 17th digit', () => {
    const male = composeIdNumber('430321', '1990-03-07', 123);
    expect(male).toBe('430321199003071234');
    expect(parseIdNumber(male, TODAY)).toMatchObject({ ok: true, sex: 'M' });
    expect(parseIdNumber(composeIdNumber('430321', '1990-03-07', 120), TODAY)).toMatchObject({ sex: 'F' });
  });

  it('accepts a number typed with lowercase x, full-width characters and spaces', () => {
    const r = parseIdNumber(' １１０１０５ １９４９１２３１ ００２x ', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('upgrades a 15-digit number by inserting 19 and the check character', () => {
    expect(parseIdNumber('130503670401001', TODAY)).toEqual({
      ok: true,
      normalized: '130503196704010016',
      birthDate: '1967-04-01',
      sex: 'M',
      areaCode: '130503',
      upgradedFrom15: true,
    });
  });

  it('refuses an empty number', () => {
    expect(errorCode(parseIdNumber('', TODAY))).toBe('idcard.empty');
    expect(errorCode(parseIdNumber(' \u3000 ', TODAY))).toBe('idcard.empty');
  });

  it('refuses a number that is neither 15 nor 18 characters long', () => {
    for (const s of ['1101051949123100', '11010519491231002X1', '1', '11010519491231']) {
      const r = parseIdNumber(s, TODAY);
      expect(errorCode(r)).toBe('idcard.length');
    }
    const r = parseIdNumber('1101051949123100', TODAY);
    expect(r.ok ? undefined : r.error).toMatchObject({ field: 'idNumber' });
    expect(r.ok ? '' : r.error.message.zh).toContain('16');
    expect(r.ok ? '' : r.error.message.en).toContain('16');
  });

  it('refuses non-digits, and X anywhere but the last of 18', () => {
    expect(errorCode(parseIdNumber('11010519491231002Y', TODAY))).toBe('idcard.character');
    expect(errorCode(parseIdNumber('110105-19491231-002X', TODAY))).toBe('idcard.character');
    expect(errorCode(parseIdNumber('张三', TODAY))).toBe('idcard.character');
    expect(errorCode(parseIdNumber('1101051949123100X2', TODAY))).toBe('idcard.character');
    expect(errorCode(parseIdNumber('13050367040100X', TODAY))).toBe('idcard.character');
    expect(errorCode(parseIdNumber('X1010519491231002X', TODAY))).toBe('idcard.character');
  });

  it('refuses an area code outside the province-level codes', () => {
    const bad = composeIdNumber('110105', '1949-12-31', 2).replace(/^11/, '99');
    expect(errorCode(parseIdNumber(bad, TODAY))).toBe('idcard.area');
    expect(errorCode(parseIdNumber('00000019491231002X', TODAY))).toBe('idcard.area');
    expect(errorCode(parseIdNumber('990503670401001', TODAY))).toBe('idcard.area');
  });

  it('refuses birth dates that do not exist, are before 1900 or after today', () => {
    const withDate = (yyyymmdd: string): string => {
      const first17 = `430321${yyyymmdd}123`;
      return first17 + checkCharacter(first17);
    };
    expect(errorCode(parseIdNumber(withDate('19491331'), TODAY))).toBe('idcard.date');
    expect(errorCode(parseIdNumber(withDate('19490230'), TODAY))).toBe('idcard.date');
    expect(errorCode(parseIdNumber(withDate('19490000'), TODAY))).toBe('idcard.date');
    // The standard's own example is from 1880: a valid number, but no living resident's.
    expect(errorCode(parseIdNumber('440524188001010014', TODAY))).toBe('idcard.date');
    expect(errorCode(parseIdNumber(withDate('18991231'), TODAY))).toBe('idcard.date');
    expect(parseIdNumber(withDate('19000101'), TODAY).ok).toBe(true);
    expect(errorCode(parseIdNumber('130503671301001', TODAY))).toBe('idcard.date');
  });

  it('judges a future birth date against the today it is given', () => {
    const id = composeIdNumber('430321', '2021-08-10', 1);
    expect(errorCode(parseIdNumber(id, '2021-08-09'))).toBe('idcard.date');
    expect(parseIdNumber(id, '2021-08-10')).toMatchObject({ ok: true, birthDate: '2021-08-10' });
    const r = parseIdNumber(id, '2021-08-09');
    expect(r.ok ? '' : r.error.message.en).toContain('after today (2021-08-09)');
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseIdNumber(composeIdNumber('430321', '2000-02-29', 2), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    expect(parseIdNumber(composeIdNumber('430321', '1996-02-29', 2), TODAY).ok).toBe(true);
    const first17 = '43032119000229002'; // 1900 is not a leap year
    expect(errorCode(parseIdNumber(first17 + checkCharacter(first17), TODAY))).toBe('idcard.date');
    const first17b = '43032120210229002';
    expect(errorCode(parseIdNumber(first17b + checkCharacter(first17b), TODAY))).toBe('idcard.date');
    expect(errorCode(parseIdNumber('430321000229002', TODAY))).toBe('idcard.date'); // 15-digit: 1900
    expect(parseIdNumber('430321960229002', TODAY).ok).toBe(true);
  });

  it('refuses a wrong check character and says what it should be', () => {
    const r = parseIdNumber('110105194912310021', TODAY);
    expect(errorCode(r)).toBe('idcard.checksum');
    expect(r.ok ? '' : r.error.message.zh).toContain('X');
    expect(r.ok ? '' : r.error.message.en).toContain('should be "X"');
    const r2 = parseIdNumber('43032119900307123X', TODAY);
    expect(r2.ok ? '' : r2.error.message.en).toContain('should be "4"');
  });

  it('checks in the order empty, characters and length, area, date, checksum', () => {
    // Bad area, date and checksum at once: the area is reported.
    expect(errorCode(parseIdNumber('990000199913320000', TODAY))).toBe('idcard.area');
    // Bad date and checksum: the date.
    expect(errorCode(parseIdNumber('430321199913320000', TODAY))).toBe('idcard.date');
    // A letter in a number of the wrong length: the letter explains it.
    expect(errorCode(parseIdNumber('43032119991A', TODAY))).toBe('idcard.character');
  });

  it('gives every error a Chinese and an English message and the idNumber field', () => {
    for (const s of ['', '1', 'A', '990503670401001', '430321671301001', '110105194912310021']) {
      const r = parseIdNumber(s, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe('idNumber');
        expect(r.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(r.error.message.en).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it('refuses an invalid today', () => {
    expect(() => parseIdNumber('11010519491231002X', '2021-02-30')).toThrow(RangeError);
  });

  it('requireIdNumber throws the failure as an invalid-input GridvaxError', () => {
    expect(requireIdNumber('11010519491231002x', TODAY).normalized).toBe('11010519491231002X');
    try {
      requireIdNumber('110105194912310021', TODAY);
      expect.unreachable();
    } catch (e) {
      expect(isGridvaxError(e) && e.kind === 'invalid-input' && e.code === 'idcard.checksum').toBe(true);
    }
  });
});

describe('composeIdNumber', () => {
  it('makes the GB example from its parts', () => {
    expect(composeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(composeIdNumber('430321', '2001-01-01', 0)).toMatch(/^43032120010101000.$/);
  });

  it('throws RangeError on bad arguments', () => {
    expect(() => composeIdNumber('43032', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('990321', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('43032A', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1899-12-31', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '19900101', 1)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1990-01-01', -1)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1990-01-01', 1.5)).toThrow(RangeError);
    expect(() => composeIdNumber('430321', '1990-01-01', Number.NaN)).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the area code and the last four characters', () => {
    expect(maskIdNumber('43032119900307123X')).toBe('430321********123X');
    expect(maskIdNumber(' 43032119900307123x ')).toBe('430321********123X');
    expect(maskIdNumber('130503670401001')).toBe('130503*****1001');
  });

  it('stars a value too short to keep both ends entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('isProvinceCode', () => {
  it('knows the province-level codes', () => {
    expect(isProvinceCode('43')).toBe(true);
    expect(isProvinceCode('83')).toBe(true);
    expect(isProvinceCode('16')).toBe(false);
    expect(isProvinceCode('4')).toBe(false);
    expect(isProvinceCode('4a')).toBe(false);
  });
});

const AREAS = ['430321', '430302', '110105', '440524', '130503', '650102', '810000', '500101'];
const FIRST = dayNumber('1900-01-01');
const LAST = dayNumber(TODAY);
const arbDate = fc.integer({ min: FIRST, max: LAST }).map(dateFromDayNumber);
const arbParts = fc.tuple(fc.constantFrom(...AREAS), arbDate, fc.integer({ min: 0, max: 999 }));

describe('properties', () => {
  it('composeIdNumber then parseIdNumber gives back area, birth date and sex', () => {
    fc.assert(
      fc.property(arbParts, ([area, birth, seq]) => {
        const id = composeIdNumber(area, birth, seq);
        const r = parseIdNumber(id, TODAY);
        expect(r).toEqual({
          ok: true,
          normalized: id,
          birthDate: birth,
          sex: seq % 2 === 1 ? 'M' : 'F',
          areaCode: area,
          upgradedFrom15: false,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('changing any one character of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(
        arbParts,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        ([area, birth, seq], pos, shift) => {
          const id = composeIdNumber(area, birth, seq);
          const alphabet = pos === 17 ? '0123456789X' : '0123456789';
          const was = alphabet.indexOf(id.charAt(pos));
          const now = alphabet.charAt((was + shift) % alphabet.length);
          fc.pre(now !== id.charAt(pos));
          const changed = id.slice(0, pos) + now + id.slice(pos + 1);
          const r = parseIdNumber(changed, TODAY);
          expect(r.ok).toBe(false);
          if (!r.ok && pos === 17) expect(r.error.code).toBe('idcard.checksum');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a 15-digit number upgrades to the 18-digit number with the same parts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AREAS),
        fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('1999-12-31') }).map(dateFromDayNumber),
        fc.integer({ min: 0, max: 999 }),
        (area, birth, seq) => {
          const id18 = composeIdNumber(area, birth, seq);
          const id15 = id18.slice(0, 6) + id18.slice(8, 17);
          expect(parseIdNumber(id15, TODAY)).toMatchObject({
            ok: true,
            normalized: id18,
            upgradedFrom15: true,
          });
        },
      ),
    );
  });

  it('a birth date the day after today is refused, today accepted', () => {
    fc.assert(
      fc.property(arbParts, ([area, birth, seq]) => {
        const id = composeIdNumber(area, birth, seq);
        expect(parseIdNumber(id, birth).ok).toBe(true);
        expect(errorCode(parseIdNumber(id, addDays(birth, -1)))).toBe('idcard.date');
      }),
    );
  });
});
