/**
 * The periods offered: the last 7, 30 or 90 days, this month and last month (in the viewer's
 * calendar: the Solar Hijri month in Persian), every date, or dates of one's choice; each as the
 * ISO days of its first and last day, from today in the time zone.
 */
import { addDays, monthStart, todayIn, type Calendar } from '../../calendar.js';

export const PRESETS = ['7d', '30d', '90d', 'this-month', 'last-month', 'all', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export const isPreset = (value: string | null): value is Preset => (PRESETS as readonly string[]).includes(value ?? '');

/** The days of a preset ('custom' has none of its own: it keeps what was typed). */
export function presetRange(
  preset: Preset,
  calendar: Calendar,
  timeZone: string,
  now = new Date(),
): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'this-month':
      return { from: monthStart(calendar, today), to: today };
    case 'last-month': {
      const end = addDays(monthStart(calendar, today), -1);
      return { from: monthStart(calendar, end), to: end };
    }
    default:
      return { from: '', to: '' };
  }
}
