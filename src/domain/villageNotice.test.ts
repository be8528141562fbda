import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import {
  dateWords,
  defaultBroadcasts,
  SLOGAN,
  validateBroadcasts,
  validNoticeText,
  villageNoticeText,
  type NoticeFacts,
} from './villageNotice.js';

const SITE = { name: '锦石乡卫生院', address: '锦石乡锦石街1号', opens: '08:00', closes: '17:30' };
const facts = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  date: '2021-08-09',
  villageName: '锦石村',
  townshipName: '锦石乡',
  campaign: { target: 'first-dose', deadline: '2021-08-31' },
  done: 1234,
  open: 12,
  unscreened: 3,
  sites: [SITE],
  ...over,
});

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return e.code;
    throw e;
  }
  throw new Error('not refused');
};

describe('villageNoticeText', () => {
  it("says the village's figures, its township's sites and hours, the deadline and the ride", () => {
    const t = villageNoticeText(facts());
    expect(t.zh.split('\n')).toEqual([
      '【锦石村新冠疫苗接种通知】8月9日',
      '截至今日，本村已有1234人完成新冠疫苗第一剂次接种，还有12人未接种，另有3人尚未摸排登记。',
      '接种点：锦石乡卫生院（锦石乡锦石街1号），每天08:00—17:30。',
      '本次接种任务8月31日截止。请符合条件、尚未接种的村民携带身份证，尽快就近前往接种点接种；行动不便的60岁以上老人和住得偏远的村民，请联系本组网格员预约上门接送。',
      SLOGAN.zh,
    ]);
    expect(t.en).toContain('1234 residents');
    expect(t.en).toContain('12 still need it, and 3 have not been reached yet');
    expect(t.en).toContain('锦石乡卫生院 (锦石乡锦石街1号), daily 08:00–17:30');
    expect(t.en).toContain('31 Aug');
  });

  it('thanks a double-cleared village instead of urging it', () => {
    const t = villageNoticeText(facts({ open: 0, unscreened: 0 }));
    expect(t.zh).toContain('双清零');
    expect(t.zh).not.toContain('截止');
    expect(t.en).toContain('double clearance');
  });

  it('lists every site, and says whom to ask when the township has none', () => {
    const two = villageNoticeText(
      facts({ sites: [SITE, { name: '锦石村临时接种点', address: '', opens: '09:00', closes: '16:00' }] }),
    );
    expect(two.zh).toContain('；锦石村临时接种点，每天09:00—16:00。');
    expect(villageNoticeText(facts({ sites: [] })).zh).toContain('接种点安排请咨询村委会或锦石乡。');
    expect(villageNoticeText(facts({ unscreened: 0 })).zh).not.toContain('摸排');
  });

  it('names the target of a booster campaign', () => {
    expect(
      villageNoticeText(facts({ campaign: { target: 'booster', deadline: '2021-12-31' } })).zh,
    ).toContain('加强免疫接种');
    expect(dateWords('2021-12-31')).toEqual({ zh: '12月31日', en: '31 Dec' });
  });
});

describe('loudspeaker schedule', () => {
  it('has a default of morning, noon and evening naming the sites', () => {
    const d = defaultBroadcasts('锦石村', '锦石乡', [SITE]);
    expect(d.map((s) => s.time)).toEqual(['07:00', '12:00', '18:30']);
    expect(d[0]?.message).toContain('锦石乡卫生院');
    expect(d[0]?.message.startsWith(SLOGAN.zh)).toBe(true);
  });

  it('keeps a schedule sorted, and refuses a bad time, a repeated one or an empty message', () => {
    expect(
      validateBroadcasts([
        { time: '18:00', message: ' 晚间 ' },
        { time: '07:30', message: '早间' },
      ]),
    ).toEqual([
      { time: '07:30', message: '早间' },
      { time: '18:00', message: '晚间' },
    ]);
    expect(code(() => validateBroadcasts([]))).toBe('broadcast.slots');
    expect(code(() => validateBroadcasts([{ time: '24:00', message: 'x' }]))).toBe('broadcast.time');
    expect(code(() => validateBroadcasts([{ time: '7:00', message: 'x' }]))).toBe('broadcast.time');
    expect(
      code(() =>
        validateBroadcasts([
          { time: '07:00', message: 'a' },
          { time: '07:00', message: 'b' },
        ]),
      ),
    ).toBe('broadcast.duplicate');
    expect(code(() => validateBroadcasts([{ time: '07:00', message: '  ' }]))).toBe('broadcast.message');
  });
});

describe('validNoticeText', () => {
  it('wants the Chinese text; the English is optional', () => {
    expect(validNoticeText(' 通知 ', ' ')).toEqual({ zh: '通知', en: null });
    expect(validNoticeText('通知', 'Notice')).toEqual({ zh: '通知', en: 'Notice' });
    expect(code(() => validNoticeText(''))).toBe('notice.text');
  });
});
