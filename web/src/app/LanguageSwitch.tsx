import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '../api/types';
import { setLocale } from '../i18n';
import { Icon } from './icons';

/** Tiếng Việt / 中文 / English, each written in its own language. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const choose = async (l: Locale) => {
    await setLocale(l);
    // Error messages come localised from the node: ask again for the ones on screen.
    await qc.resetQueries({ predicate: (q) => q.state.status === 'error' });
  };
  return (
    <div className={compact ? 'lang-switch compact' : 'lang-switch'} role="group" aria-label={t('language.label')}>
      <Icon name="globe" size={16} className="lang-icon" />
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-lang={l}
          className={i18n.language === l ? 'active' : undefined}
          aria-pressed={i18n.language === l}
          onClick={() => void choose(l)}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}
