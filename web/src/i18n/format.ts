import { useTranslation } from 'react-i18next';
import i18n from './index';
import { LOCALES, type Locale, type Text } from '../api/types';

/** The text of a multilingual value in a language (falling back to English, then any). */
export function pickText(value: Text | string | null | undefined, locale: Locale): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return value[locale] || value.en || Object.values(value).find(Boolean) || '';
}

const asLocale = (lng: string): Locale => ((LOCALES as readonly string[]).includes(lng) ? (lng as Locale) : 'en');

/** A calendar date (YYYY-MM-DD) as a UTC instant, so formatting never shifts it a day. */
function calendarDate(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Days from today (local calendar) to a calendar date. */
export function daysUntil(date: string, today = new Date()): number | null {
  const d = calendarDate(date);
  if (!d) return null;
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((d.getTime() - t) / 86_400_000);
}

/** Formatters bound to a locale: everything a person reads goes through Intl. */
export function formatters(locale: Locale) {
  const num = new Intl.NumberFormat(locale);
  // Vietnamese administrative documents write dates as dd/mm/yyyy; "1 thg 1, 2024" reads as a contraction.
  const numericDate = locale === 'vi';
  const dateFmt = new Intl.DateTimeFormat(
    locale,
    numericDate ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' },
  );
  const dateTimeFmt = new Intl.DateTimeFormat(
    locale,
    numericDate
      ? { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : { dateStyle: 'medium', timeStyle: 'medium' },
  );
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const unit = (u: 'year' | 'month' | 'day', n: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  return {
    locale,
    text: (value: Text | string | null | undefined) => pickText(value, locale),
    number: (n: number | null | undefined) => (n == null || Number.isNaN(n) ? '—' : num.format(n)),
    /** A calendar date such as an agreement's term end. */
    date: (d: string | null | undefined) => {
      if (!d) return '—';
      const c = calendarDate(d);
      return c ? dateFmt.format(c) : d;
    },
    /** An instant (ISO 8601 with time), in the browser's time zone. */
    dateTime: (iso: string | null | undefined) => {
      if (!iso) return '—';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
    },
    /** "in 42 days", "yesterday", … */
    relativeDays: (days: number) => rel.format(days, 'day'),
    /** An ISO 8601 duration of years, months and days (P5Y, P6M, P1Y6M). */
    duration: (iso: string | null | undefined) => {
      if (!iso) return '—';
      const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(iso);
      if (!m || iso === 'P') return iso;
      const parts: string[] = [];
      if (m[1]) parts.push(unit('year', Number(m[1])));
      if (m[2]) parts.push(unit('month', Number(m[2])));
      if (m[3]) parts.push(unit('day', Number(m[3])));
      return list.format(parts);
    },
    list: (items: string[]) => list.format(items),
    /** An IANA time zone with its name in the UI language, e.g. "Indochina Time (Asia/Ho_Chi_Minh)". */
    timeZone: (tz: string) => {
      try {
        const name = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'long' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')?.value;
        return name ? `${name} (${tz})` : tz;
      } catch {
        return tz;
      }
    },
    /** A point in the border region (north latitude, east longitude), e.g. "21.53°N, 107.97°E". */
    coordinate: (c: { lat: number; lon: number } | null | undefined) => {
      if (!c) return '—';
      const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
      return i18n.t('geo.latLon', { lng: locale, lat: f.format(c.lat), lon: f.format(c.lon) });
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;

/** The formatters for the current UI language (re-rendered when it changes). */
export function useFormat(): Formatters {
  const { i18n: instance } = useTranslation();
  return formatters(asLocale(instance.language));
}
