import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateFromDayNumber, dayNumber } from '../../src/domain/calendar.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import {
  composeIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  requireIdNumber,
  type IdErrorCode,
} from '../../src/domain/idcard.js';
import { fuzzParams } from './fuzzParams.js';

/**
 * The ID-number parser under arbitrary text: what a spreadsheet cell, a phone keyboard or a
 * paste from a chat app can hold. src/domain/idcard.test.ts has the laws of valid numbers
 * (compose → parse, one changed character, the 15-digit upgrade); these are about everything
 * else: no input throws, every refusal speaks the documented vocabulary, and normalizing is a
 * fixed point the parser agrees with.
 */
const TODAY = '2021-08-09';

// Compile-time: exactly the codes IdErrorCode names, no more, no fewer.
const VOCABULARY = {
  'idcard.empty': true,
  'idcard.length': true,
  'idcard.character': true,
  'idcard.area': true,
  'idcard.date': true,
  'idcard.checksum': true,
} satisfies Record<IdErrorCode, true>;

/** Characters people's ID cells are made of, and those that sneak in. */
const NOISE = [
  ' ', '\t', '\r\n', '\u3000', '\u00a0', '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e', '\u0000',
  'x', 'X', 'ｘ', 'Ｘ', '-', "'", '０', '９', '１', '٣', '𝟙', '\ud800', '\udfff', '😀', '张',
]; // prettier-ignore

const anyChar = fc.oneof(
  fc.constantFrom(...NOISE),
  fc.constantFrom(...'0123456789X'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  // Lone surrogate halves: not valid UTF-16, but a JS string can hold them.
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

/** Arbitrary text, and text that is nearly a number (mostly digits). */
const arbitraryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: anyChar, maxLength: 25 }),
  fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 14, maxLength: 19 }),
);

const AREAS = ['430321', '110105', '440524', '650102', '810000', '830000'];
const arbDate = fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber(TODAY) }).map(dateFromDayNumber);
const validId = fc
  .tuple(fc.constantFrom(...AREAS), arbDate, fc.integer({ min: 0, max: 999 }), fc.boolean())
  .map(([area, birth, seq, old]) => {
    const id = composeIdNumber(area, birth, seq);
    // A pre-1999 15-digit number when the birth year allows it.
    return old && birth < '2000' ? id.slice(0, 6) + id.slice(8, 17) : id;
  });

/** A valid number as typed: full-width digits, a lower-case x, spaces and invisible marks in it. */
const typedId = fc
  .tuple(
    validId,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\u3000', '\u00a0', '\u200b', '\ufeff', '\t')), {
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([id, inserts, wide]) => {
    let s = wide
      ? [...id].map((c) => (c === 'X' ? 'ｘ' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('')
      : id.replace('X', 'x');
    for (const [at, ch] of inserts) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ch + s.slice(i);
    }
    return s;
  });

const anyInput = fc.oneof(arbitraryText, typedId, validId);

describe('fuzz: ID-number parser', () => {
  it('never throws on any text, and refuses only with a documented code on the idNumber field', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const r = parseIdNumber(s, TODAY);
        if (r.ok) {
          expect(r.normalized).toMatch(/^\d{17}[\dX]$/);
          expect(r.birthDate >= '1900-01-01' && r.birthDate <= TODAY).toBe(true);
        } else {
          expect(Object.keys(VOCABULARY)).toContain(r.error.code);
          expect(r.error.field).toBe('idNumber');
          expect(r.error.message.zh.length).toBeGreaterThan(0);
          expect(r.error.message.en.length).toBeGreaterThan(0);
        }
        expect(() => maskIdNumber(s)).not.toThrow();
      }),
      fuzzParams(3000),
    );
  });

  it('requireIdNumber refuses any text only with an invalid-input GridvaxError', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        try {
          requireIdNumber(s, TODAY);
        } catch (e) {
          expect(isGridvaxError(e) && e.kind === 'invalid-input').toBe(true);
        }
      }),
      fuzzParams(1000),
    );
  });

  it('normalizing is idempotent, and the parser reads a number and its normal form alike', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const once = normalizeIdNumber(s);
        expect(normalizeIdNumber(once)).toBe(once);
        expect(parseIdNumber(once, TODAY)).toEqual(parseIdNumber(s, TODAY));
      }),
      fuzzParams(3000),
    );
  });

  it('whatever parses re-parses to the same number, birth date, sex and area', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const r = parseIdNumber(s, TODAY);
        if (!r.ok) return;
        const again = parseIdNumber(r.normalized, TODAY);
        expect(again).toEqual({ ...r, upgradedFrom15: false });
      }),
      fuzzParams(3000),
    );
  });

  it('a number accepted today is accepted on every later day, with the same reading', () => {
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 1, max: 20_000 }), (s, days) => {
        const r = parseIdNumber(s, TODAY);
        if (r.ok) expect(parseIdNumber(s, addDays(TODAY, days))).toEqual(r);
      }),
      fuzzParams(1000),
    );
  });
});
