/**
 * Calendar days as ISO text (YYYY-MM-DD, Gregorian), their arithmetic, and the Solar Hijri (Jalali)
 * calendar: pure functions, no I/O, shared by the collector (month buckets in the viewer's calendar)
 * and the dashboard (Persian date entry and presets).
 *
 * The Jalali conversion is K. M. Borkowski's algorithm ("The Persian calendar for 3000 years",
 * Earth, Moon, and Planets 74 (1996) 223–230), with the leap years of the 33-year cycles fixed by
 * the break years of the astronomical calendar, valid for Jalali years −61 to 3177; it agrees with
 * the official calendar of Iran in every year it has published. Days are counted as Julian Day
 * Numbers.
 */

export type Calendar = 'gregory' | 'persian';
export const CALENDARS: readonly Calendar[] = ['gregory', 'persian'];

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const div = (a: number, b: number) => Math.trunc(a / b);
const mod = (a: number, b: number) => a - Math.trunc(a / b) * b;

const BREAKS = [
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
];

/** The Jalali years this conversion covers. */
export const JALALI_YEARS = { min: BREAKS[0] as number, max: (BREAKS[BREAKS.length - 1] as number) - 1 };

/** For Jalali year `jy`: whether it is a leap year (leap 0), the Gregorian year it starts in, and its March day. */
function jalaliYear(jy: number): { leap: number; gy: number; march: number } {
  const gy = jy + 621;
  let leapJ = -14;
  let jp = BREAKS[0] as number;
  let jump = 0;
  for (let i = 1; i < BREAKS.length; i++) {
    const jm = BREAKS[i] as number;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap === -1) leap = 4;
  return { leap, gy, march };
}

/** The Julian Day Number of a Gregorian date. */
export function gregorianToJdn({ year, month, day }: CalendarDate): number {
  let d = div((year + div(month - 8, 6) + 100100) * 1461, 4) + div(153 * mod(month + 9, 12) + 2, 5) + day - 34840408;
  d = d - div(div(year + 100100 + div(month - 8, 6), 100) * 3, 4) + 752;
  return d;
}

/** The Gregorian date of a Julian Day Number. */
export function jdnToGregorian(jdn: number): CalendarDate {
  let j = 4 * jdn + 139361631;
  j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(mod(j, 1461), 4) * 5 + 308;
  const day = div(mod(i, 153), 5) + 1;
  const month = mod(div(i, 153), 12) + 1;
  const year = div(j, 1461) - 100100 + div(8 - month, 6);
  return { year, month, day };
}

/** The Julian Day Number of a Jalali date. */
export function jalaliToJdn({ year, month, day }: CalendarDate): number {
  const { gy, march } = jalaliYear(year);
  return gregorianToJdn({ year: gy, month: 3, day: march }) + (month - 1) * 31 - div(month, 7) * (month - 7) + day - 1;
}

/** The Jalali date of a Julian Day Number. */
export function jdnToJalali(jdn: number): CalendarDate {
  const gy = jdnToGregorian(jdn).year;
  let year = gy - 621;
  const { leap, march } = jalaliYear(year);
  let k = jdn - gregorianToJdn({ year: gy, month: 3, day: march });
  if (k >= 0) {
    if (k <= 185) return { year, month: 1 + div(k, 31), day: mod(k, 31) + 1 };
    k -= 186;
  } else {
    year -= 1;
    k += 179;
    if (leap === 1) k += 1;
  }
  return { year, month: 7 + div(k, 30), day: mod(k, 30) + 1 };
}

/** Days in a month of a calendar. */
export function monthLength(calendar: Calendar, year: number, month: number): number {
  if (calendar === 'persian') {
    if (month <= 6) return 31;
    if (month <= 11) return 30;
    return jalaliYear(year).leap === 0 ? 30 : 29;
  }
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year/month/day is a date of the calendar (in the years it covers). */
export function isDate(calendar: Calendar, { year, month, day }: CalendarDate): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (calendar === 'persian' ? year < JALALI_YEARS.min || year > JALALI_YEARS.max : year < 1 || year > 9999)
    return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= monthLength(calendar, year, month);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An ISO day (YYYY-MM-DD) as a Julian Day Number, or NaN when it is not a real date. */
export function isoToJdn(iso: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso);
  if (!match) return NaN;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isDate('gregory', date) ? gregorianToJdn(date) : NaN;
}

/** A Julian Day Number as an ISO day. */
export function jdnToIso(jdn: number): string {
  const { year, month, day } = jdnToGregorian(jdn);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Whether text is a real ISO day (YYYY-MM-DD, years 0001–9999). */
export const isIsoDay = (text: string): boolean => !Number.isNaN(isoToJdn(text));

/** The ISO day `days` after (or before) `iso`. */
export const addDays = (iso: string, days: number): string => jdnToIso(isoToJdn(iso) + days);

/** Days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number => isoToJdn(b) - isoToJdn(a);

/** An ISO day as a date of the calendar. */
export function toCalendar(calendar: Calendar, iso: string): CalendarDate {
  const jdn = isoToJdn(iso);
  return calendar === 'persian' ? jdnToJalali(jdn) : jdnToGregorian(jdn);
}

/** A date of the calendar as an ISO day. */
export function fromCalendar(calendar: Calendar, date: CalendarDate): string {
  return jdnToIso(calendar === 'persian' ? jalaliToJdn(date) : gregorianToJdn(date));
}

/** The first day of the month (of the calendar) that `iso` is in. */
export function monthStart(calendar: Calendar, iso: string): string {
  const date = toCalendar(calendar, iso);
  return fromCalendar(calendar, { ...date, day: 1 });
}

/** The first day of the month after the one `iso` is in. */
export function nextMonthStart(calendar: Calendar, iso: string): string {
  const { year, month } = toCalendar(calendar, iso);
  return fromCalendar(
    calendar,
    month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 },
  );
}

/** The day it is at `at` in the time zone (an IANA name), as an ISO day. */
export function todayIn(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${pad(part('year'), 4)}-${pad(part('month'))}-${pad(part('day'))}`;
}

/** Whether the runtime knows `name` as a time zone. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const PERSIAN_DIGITS = /[۰-۹٠-٩]/g;

/** Persian (and Arabic-Indic) digits as Latin ones. */
export const latinDigits = (text: string): string =>
  text.replace(PERSIAN_DIGITS, (d) => String((d.codePointAt(0) as number) & 0xf));

/**
 * A day typed in the calendar: year, month and day separated by "/", "-", "." or a space, in
 * Persian, Arabic-Indic or Latin digits (۱۴۰۵/۹/۱۵, 1405-09-15), as an ISO day; null when it is
 * not a date of that calendar.
 */
export function parseDay(calendar: Calendar, text: string): string | null {
  const match = /^\s*(\d{1,4})\s*[/\-.\s]\s*(\d{1,2})\s*[/\-.\s]\s*(\d{1,2})\s*$/.exec(latinDigits(text));
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isDate(calendar, date)) return null;
  const iso = fromCalendar(calendar, date);
  return isIsoDay(iso) ? iso : null;
}

/** An ISO day written in the calendar as YYYY/MM/DD (Latin digits; the caller localises them). */
export function formatDay(calendar: Calendar, iso: string): string {
  const { year, month, day } = toCalendar(calendar, iso);
  return calendar === 'persian' ? `${year}/${pad(month)}/${pad(day)}` : `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
