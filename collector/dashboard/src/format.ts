/**
 * Numbers and dates for a language: Persian digits and the Solar Hijri calendar in Persian,
 * Latin digits and the Gregorian calendar in English; times in the time zone the owner chose.
 */
import type { Lang } from './strings.js';
import type { Figure, SurveyType } from './types.js';

export interface Format {
  lang: Lang;
  calendar: 'persian' | 'gregory';
  int(n: number): string;
  /** With its sign, as in "+12". */
  signed(n: number, digits?: number): string;
  num(n: number, digits: number): string;
  /** `value` in percent (0…100). */
  percent(value: number, digits?: number): string;
  /** An ISO day (YYYY-MM-DD), in full. */
  day(iso: string): string;
  /** An ISO day, short (day and month). */
  shortDay(iso: string): string;
  /** An ISO day as typed in a date field: 1405/09/15 in Persian digits, 2026-12-06 in English. */
  typedDay(iso: string): string;
  /** A moment (ISO time) in the time zone. */
  moment(iso: string | null): string;
  /** The UTC offset of the time zone now, as "UTC+03:30". */
  offset(): string;
}

/** "-" only before a negative number, never "-0" (ES2023's signDisplay). */
const NEGATIVE = 'negative' as unknown as Intl.NumberFormatOptions['signDisplay'];

export function formatFor(lang: Lang, timeZone: string): Format {
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    let format = cache.get(key);
    if (!format) cache.set(key, (format = new Intl.NumberFormat(lang, options)));
    return format;
  };
  const locale = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-u-ca-gregory';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  let moment: Intl.DateTimeFormat;
  try {
    moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  }
  const typed = new Intl.DateTimeFormat(
    lang === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-CA-u-ca-gregory-nu-latn',
    {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    },
  );
  const toDay = (iso: string) => new Date(`${iso}T00:00:00Z`);
  // A time the browser cannot show (none, or outside what Date holds) is a dash, never an error.
  const shown = (format: Intl.DateTimeFormat, time: Date | undefined) =>
    time && !Number.isNaN(time.getTime()) ? format.format(time) : '—';
  return {
    lang,
    calendar: lang === 'fa' ? 'persian' : 'gregory',
    int: (n) => nf({ maximumFractionDigits: 0, signDisplay: NEGATIVE }).format(n),
    signed: (n, digits = 0) =>
      nf({ minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(n),
    num: (n, digits) =>
      nf({ minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: NEGATIVE }).format(n),
    percent: (value, digits = 0) => nf({ style: 'percent', maximumFractionDigits: digits }).format(value / 100),
    day: (iso) => shown(day, toDay(iso)),
    shortDay: (iso) => shown(shortDay, toDay(iso)),
    typedDay: (iso) => {
      const parts = Object.fromEntries(typed.formatToParts(toDay(iso)).map((p) => [p.type, p.value]));
      return lang === 'fa' ? `${parts.year}/${parts.month}/${parts.day}` : `${parts.year}-${parts.month}-${parts.day}`;
    },
    moment: (iso) => shown(moment, typeof iso === 'string' ? new Date(iso) : undefined),
    offset: () => {
      try {
        const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')?.value;
        return name === 'GMT' || !name ? 'UTC' : name.replace('GMT', 'UTC');
      } catch {
        return '';
      }
    },
  };
}

/** How a type's figures read: the value, an interval end, a change, and the unit of the margin. */
export function figureFormat(type: SurveyType, f: Format) {
  if (type === 'nps')
    return {
      value: (v: number) => f.int(v),
      change: (v: number) => f.int(Math.abs(v)),
      signed: (v: number) => f.signed(Math.round(v)),
      digits: 0,
    };
  if (type === 'csat')
    return {
      value: (v: number) => f.percent(v),
      change: (v: number) => f.int(Math.abs(v)),
      signed: (v: number) => f.signed(Math.round(v)),
      digits: 0,
    };
  return {
    value: (v: number) => f.num(v, 1),
    change: (v: number) => f.num(Math.abs(v), 1),
    signed: (v: number) => f.signed(v, 1),
    digits: 1,
  };
}

/** The interval of a figure as text ("10 to 46"), or a dash. */
export function intervalText(fig: Figure, show: (v: number) => string, join: (a: string, b: string) => string): string {
  return fig.lower === null || fig.upper === null ? '—' : join(show(fig.lower), show(fig.upper));
}
