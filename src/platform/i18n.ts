/** The three languages everything a person sees is written in. */
export const LOCALES = ['vi', 'zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in every supported language. */
export type Text = Record<Locale, string>;

/** Picks the best supported locale from an Accept-Language header (English when nothing matches). */
export function negotiateLocale(header: string | undefined | null, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

/** Fills `{name}` placeholders in a message. */
export function interpolate(message: string, params: Record<string, unknown> = {}): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Returns a text in the given locale with its placeholders filled. */
export function translate(text: Text, locale: Locale, params?: Record<string, unknown>): string {
  return interpolate(text[locale] ?? text.en, params);
}
