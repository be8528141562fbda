import { describe, expect, it } from 'vitest';
import { composeIdNumber, maskIdNumber } from '../../../../src/domain/idcard.js';
import { checkTypedId } from './typedIdNumber.js';

const id = composeIdNumber('430321', '1969-11-14', 12);

describe('checkTypedId', () => {
  it('accepts the listed resident’s number, normalized', () => {
    expect(checkTypedId(` ${id.toLowerCase()} `, maskIdNumber(id), '2021-08-09')).toEqual({
      ok: true,
      idNumber: id,
    });
  });
  it('refuses another valid number than the one listed', () => {
    const other = composeIdNumber('430321', '1970-01-01', 13);
    expect(checkTypedId(other, maskIdNumber(id), '2021-08-09')).toEqual({ ok: false, problem: 'mismatch' });
  });
  it('says what is wrong with an invalid number, in both languages', () => {
    const r = checkTypedId('4303211969', undefined, '2021-08-09');
    expect(r.ok).toBe(false);
    if (!r.ok && r.problem !== 'mismatch') expect(r.problem.zh.length).toBeGreaterThan(0);
  });
});
