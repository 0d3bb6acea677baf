import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, Language, resources } from './resources';
import type { vi } from './vi';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof vi };
  }
}

const STORAGE_KEY = 'hailong.language';

/** Vietnamese unless the person chose English on this device before. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : 'vi';
}

export function rememberLanguage(language: Language, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(STORAGE_KEY, language);
}

export async function setUpI18n(language: Language = initialLanguage()) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    supportedLngs: ['vi', 'en'],
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const syncDocument = (lng: string) => {
    document.documentElement.lang = lng;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
