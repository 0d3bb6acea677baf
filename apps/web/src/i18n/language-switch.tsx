import { useTranslation } from 'react-i18next';
import { rememberLanguage } from './i18n';
import type { Language } from './resources';

/** One button: its text is the other language's own name, so a person who cannot read this one still finds it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.language === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      className="button button--quiet language-switch"
      lang={other}
      aria-label={t('language.switchToLabel')}
      onClick={() => {
        rememberLanguage(other);
        void i18n.changeLanguage(other);
      }}
    >
      {t('language.switchTo')}
    </button>
  );
}
