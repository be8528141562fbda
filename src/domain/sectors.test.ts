import { describe, expect, it } from 'vitest';
import { GridvaxError } from './errors.js';
import { checkEmployment, PUBLIC_ROLES, SECTOR_LABELS, SECTOR_REGULATORS, SECTORS } from './sectors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(GridvaxError);
    return (e as GridvaxError).code;
  }
};

describe('sectors (行业监管)', () => {
  it('labels every sector and names its regulator', () => {
    for (const s of SECTORS) {
      expect(SECTOR_LABELS[s].zh).not.toBe('');
      expect(SECTOR_REGULATORS[s].zh).not.toBe('');
    }
    expect(PUBLIC_ROLES).toEqual(['cadre', 'party-member', 'public-servant']);
  });

  it('checks an employment, blanks meaning none', () => {
    expect(
      checkEmployment({ employer: ' 锦石乡中心学校 ', sector: 'education', publicRole: 'public-servant' }),
    ).toEqual({
      employer: '锦石乡中心学校',
      sector: 'education',
      publicRole: 'public-servant',
    });
    expect(checkEmployment({ employer: '', sector: ' ', publicRole: null })).toEqual({
      employer: null,
      sector: null,
      publicRole: null,
    });
    expect(codeOf(() => checkEmployment({ sector: 'mining' }))).toBe('resident.sector');
    expect(codeOf(() => checkEmployment({ publicRole: 'mayor' }))).toBe('resident.public-role');
    expect(codeOf(() => checkEmployment({ employer: 'x'.repeat(101) }))).toBe('resident.employer');
  });
});
