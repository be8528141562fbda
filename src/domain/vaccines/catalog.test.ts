import { describe, it, expect } from 'vitest';
import {
  BOOSTER_MIN_DAYS_AFTER_PRIMARY,
  PRODUCT_CODES,
  isProductCode,
  matchProduct,
  normalizeProductText,
  productByCode,
  products,
} from './catalog.js';

describe('catalog', () => {
  it('holds exactly the five products of the 2021 guideline, under the fixed codes', () => {
    expect(products.map((p) => p.code)).toEqual([
      'sinopharm-bibp',
      'sinopharm-wibp',
      'sinovac',
      'cansino',
      'zf2001',
    ]);
    expect([...PRODUCT_CODES]).toEqual(products.map((p) => p.code));
  });

  it('gives the guideline schedules', () => {
    for (const code of ['sinopharm-bibp', 'sinopharm-wibp', 'sinovac'] as const) {
      const p = productByCode(code);
      expect(p.platform).toBe('inactivated');
      expect(p.primaryDoses).toBe(2);
      expect(p.windows).toEqual([{ doseNumber: 2, minDaysAfterPrevious: 21, ideallyWithinDaysOfFirst: 56 }]);
    }
    const cansino = productByCode('cansino');
    expect(cansino.platform).toBe('adenovirus-vector');
    expect(cansino.primaryDoses).toBe(1);
    expect(cansino.windows).toEqual([]);
    const zf = productByCode('zf2001');
    expect(zf.platform).toBe('recombinant-protein');
    expect(zf.primaryDoses).toBe(3);
    expect(zf.windows).toEqual([
      { doseNumber: 2, minDaysAfterPrevious: 28, ideallyWithinDaysOfFirst: 56 },
      { doseNumber: 3, minDaysAfterPrevious: 28, ideallyWithinDaysOfFirst: 183 },
    ]);
    for (const p of products) {
      expect(p.windows).toHaveLength(p.primaryDoses - 1);
      expect(p.booster.minDaysAfterPrimary).toBe(BOOSTER_MIN_DAYS_AFTER_PRIMARY);
      expect(BOOSTER_MIN_DAYS_AFTER_PRIMARY).toBe(180);
    }
  });

  it('looks products up by code', () => {
    expect(productByCode('sinovac').manufacturer.zh).toBe('北京科兴中维生物技术有限公司');
    expect(productByCode('pfizer')).toBeUndefined();
    expect(isProductCode('zf2001')).toBe(true);
    expect(isProductCode('ZF2001')).toBe(false);
  });

  it('maps every name and alias back to its own product, with no alias shared', () => {
    for (const p of products) {
      for (const name of [p.code, p.name.zh, p.name.en, p.shortName.zh, p.manufacturer.zh, ...p.aliases]) {
        expect(matchProduct(name)?.code, name).toBe(p.code);
      }
    }
    const keys = products.flatMap((p) => p.aliases.map(normalizeProductText));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['国药', 'sinopharm-bibp'],
    ['北京生物', 'sinopharm-bibp'],
    ['国药（北京）', 'sinopharm-bibp'],
    ['Sinopharm', 'sinopharm-bibp'],
    ['sinopharm bibp', 'sinopharm-bibp'],
    ['国药（武汉）', 'sinopharm-wibp'],
    ['国药集团中国生物武汉生物制品研究所', 'sinopharm-wibp'],
    ['Sinopharm WIBP', 'sinopharm-wibp'],
    ['武汉生物', 'sinopharm-wibp'],
    ['科兴', 'sinovac'],
    ['克尔来福', 'sinovac'],
    ['CoronaVac', 'sinovac'],
    ['ＣｏｒｏｎａＶａｃ', 'sinovac'],
    [' 克 尔 来 福 ', 'sinovac'],
    ['新冠病毒灭活疫苗（Vero细胞）北京科兴', 'sinovac'],
    ['康希诺', 'cansino'],
    ['克威莎', 'cansino'],
    ['AD5-NCOV', 'cansino'],
    ['重组新冠疫苗（腺病毒载体）', 'cansino'],
    ['智飞', 'zf2001'],
    ['智克威得', 'zf2001'],
    ['ＺＦ２００１', 'zf2001'],
    ['重组新型冠状病毒疫苗（CHO细胞）', 'zf2001'],
    ['SINOVAC', 'sinovac'],
  ])('matches %s as %s', (text, code) => {
    expect(matchProduct(text)?.code).toBe(code);
  });

  it.each([[''], ['   '], ['灭活疫苗'], ['新型冠状病毒灭活疫苗（Vero细胞）'], ['Pfizer'], ['科兴/康希诺']])(
    'does not guess for %j',
    (text) => {
      expect(matchProduct(text)).toBeUndefined();
    },
  );
});
