import { describe, expect, it } from 'vitest';
import { gridvax, jsonLines } from '../support/cli.js';

describe('gridvax idcard check --json', () => {
  it('answers one JSON object per input, in order, and exits 0 even when some are invalid', () => {
    const r = gridvax([
      'idcard',
      'check',
      '11010519491231002x',
      '110105491231002',
      '11010519491231002Y',
      '110105194912310021',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      input: '11010519491231002x',
      valid: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      areaCode: '110105',
      upgradedFrom15: false,
      error: null,
    });
    expect(out[1]).toMatchObject({ valid: true, birthDate: '1949-12-31', upgradedFrom15: true });
    expect(out[2]).toMatchObject({ valid: false, normalized: null, error: { code: 'idcard.character' } });
    expect(out[3]).toMatchObject({ valid: false, error: { code: 'idcard.checksum' } });
    expect((out[3]?.['error'] as { message: string }).message).toMatch(/校验/);
  });

  it('reads numbers from standard input when none are given', () => {
    const r = gridvax(['idcard', 'check', '--json'], {
      input: '１１０１０５１９４９１２３１００２Ｘ\n\n43032120991231001X\n',
    });
    const out = jsonLines(r.stdout);
    expect(out.map((o) => o['valid'])).toEqual([true, false]);
    expect(out[1]).toMatchObject({ error: { code: 'idcard.date' } });
  });

  it('has --help and refuses unknown options with exit code 2', () => {
    expect(gridvax(['idcard', 'check', '--help']).stdout).toMatch(/ISO 7064/);
    expect(gridvax(['idcard', 'check', '--bogus']).code).toBe(2);
  });
});
