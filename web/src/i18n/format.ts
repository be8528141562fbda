import { useTranslation } from 'react-i18next';

/**
 * Numbers, percentages and dates in the reader's language. Dates travel as `YYYY-MM-DD`
 * (Asia/Shanghai calendar days) and instants as ISO-8601; both are shown in China's time zone,
 * wherever the browser is, because that is the day the drive counts in.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    locale,
    number: (n: number | null | undefined) => (n === null || n === undefined ? '—' : number.format(n)),
    percent: (r: number | null | undefined) => (r === null || r === undefined ? '—' : percent.format(r)),
    /** A calendar date `YYYY-MM-DD`. */
    date: (d: string | null | undefined) => (d ? day.format(new Date(`${d}T00:00:00Z`)) : '—'),
    /** An instant, in Shanghai time. */
    instant: (at: string | null | undefined) => (at ? time.format(new Date(at)) : '—'),
  };
}
