import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS, checklistDay, validChecksOrThrow } from './sitesChecklist.js';

describe('the comfort and supply checklist', () => {
  it('names the report’s items, and the cuff and doctor the elderly need', () => {
    expect(CHECKLIST_ITEMS).toEqual([
      'shade',
      'cooling',
      'drinking-water',
      'heatstroke-remedies',
      'one-metre-line',
      'blood-pressure-cuff',
      'doctor-on-duty',
    ]);
  });

  it('refuses unknown or repeated items', () => {
    expect(() => validChecksOrThrow([])).toThrow(expect.objectContaining({ code: 'checklist.empty' }));
    expect(() => validChecksOrThrow([{ item: 'wifi', ok: true }])).toThrow(
      expect.objectContaining({ code: 'checklist.item' }),
    );
    expect(() =>
      validChecksOrThrow([
        { item: 'shade', ok: true },
        { item: 'shade', ok: false },
      ]),
    ).toThrow(expect.objectContaining({ code: 'checklist.duplicate' }));
    expect(validChecksOrThrow([{ item: 'cooling', ok: false, note: ' 冷风机坏了一台 ' }])).toEqual([
      { item: 'cooling', ok: false, note: '冷风机坏了一台' },
    ]);
  });

  it('shows the day’s missing and unchecked items', () => {
    const day = checklistDay('2021-08-09', [
      { item: 'shade', ok: true, note: null, checkedBy: '王', checkedAt: '2021-08-09T00:30:00.000Z' },
      { item: 'cooling', ok: false, note: '缺风扇', checkedBy: '王', checkedAt: '2021-08-09T00:30:00.000Z' },
    ]);
    expect(day.missing).toEqual(['cooling']);
    expect(day.unchecked).toEqual(CHECKLIST_ITEMS.filter((i) => i !== 'shade' && i !== 'cooling'));
    expect(day.complete).toBe(false);
    expect(day.items[1]).toMatchObject({
      item: 'cooling',
      ok: false,
      note: '缺风扇',
      label: { zh: '风扇/空调/冷风机' },
    });
  });
});
