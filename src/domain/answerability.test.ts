import { describe, expect, it } from 'vitest';
import { answerableDisplay, cadreLevelFor, checkCadre } from './answerability.js';
import { GridvaxError } from './errors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(GridvaxError);
    return (e as GridvaxError).code;
  }
};

describe('answerability (县包乡、乡包村组)', () => {
  it('pairs a township with a county cadre and a village with a township cadre', () => {
    expect(cadreLevelFor('430321205')).toBe('county');
    expect(cadreLevelFor('430321205206')).toBe('township');
    expect(cadreLevelFor('430321')).toBeUndefined();
    expect(cadreLevelFor('430321205206001')).toBeUndefined();
    expect(cadreLevelFor('x')).toBeUndefined();
  });

  it('checks the cadre and derives their level from the unit', () => {
    expect(
      checkCadre('430321205', { name: ' 王建国 ', title: '县卫健局副局长', phone: '0731-57221234' }),
    ).toEqual({
      name: '王建国',
      title: '县卫健局副局长',
      phone: '0731-57221234',
      cadreLevel: 'county',
    });
    expect(
      checkCadre('430321205206', { name: '刘德明', title: '乡党委委员', cadreLevel: 'township' }).cadreLevel,
    ).toBe('township');
    expect(codeOf(() => checkCadre('430321205206', { name: 'x', title: 'y', cadreLevel: 'county' }))).toBe(
      'answerable.level-pairing',
    );
    expect(codeOf(() => checkCadre('430321205', { name: 'x', title: 'y', cadreLevel: 'township' }))).toBe(
      'answerable.level-pairing',
    );
    expect(codeOf(() => checkCadre('430321', { name: 'x', title: 'y' }))).toBe('answerable.level');
    expect(codeOf(() => checkCadre('430321205', { name: '', title: 'y' }))).toBe('answerable.name');
    expect(codeOf(() => checkCadre('430321205', { name: 'x', title: '' }))).toBe('answerable.title');
    expect(codeOf(() => checkCadre('430321205', { name: 'x', title: 'y', phone: 'none' }))).toBe(
      'answerable.phone',
    );
  });

  it('shows the cadre as the report does', () => {
    expect(answerableDisplay('王建国', '县卫健局副局长')).toBe('王建国（县卫健局副局长）');
    expect(answerableDisplay('王建国', '')).toBe('王建国');
  });
});
