import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './locales/vi.json';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { LOCALES, type Locale } from '../api/types';

export const STORAGE_KEY = 'bh.lang';

/** The resource files, one per UI language. */
export const resources = { vi: { translation: vi }, 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** Maps a BCP 47 tag onto one of the three UI languages, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t === 'vi' || t.startsWith('vi-')) return 'vi';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The remembered choice, else the browser's preference, else English. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // Storage can be unavailable (privacy mode); fall through to the browser's languages.
  }
  const prefs = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language] : [];
  for (const p of prefs) {
    const m = matchLocale(p);
    if (m) return m;
  }
  return 'en';
}

/** The current UI language. */
export function currentLocale(): Locale {
  return (LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'en';
}

/** Switches the UI language and remembers the choice. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but still switched.
  }
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  load: 'currentOnly',
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;
