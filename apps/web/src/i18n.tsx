import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** Bahasa Indonesia first, English on request; the choice is remembered on this device. */
export type Lang = 'id' | 'en';

const LangContext = createContext<{ lang: Lang; setLang(l: Lang): void }>({
  lang: 'id',
  setLang: () => undefined,
});

function initialLang(): Lang {
  const url = new URLSearchParams(location.search).get('lang');
  if (url === 'en' || url === 'id') return url;
  try {
    return localStorage.getItem('sigap.lang') === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = (l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem('sigap.lang', l);
    } catch {
      /* private mode: the choice lasts for this page */
    }
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** t('Bahasa Indonesia', 'English'): the text in the current language. */
export function useT(): (id: string, en: string) => string {
  const { lang } = useLang();
  return (id, en) => (lang === 'en' ? en : id);
}

export function LangSwitch() {
  const { lang, setLang } = useLang();
  return (
    <div className="lang" role="group" aria-label={lang === 'en' ? 'Language' : 'Bahasa'}>
      <button type="button" aria-pressed={lang === 'id'} onClick={() => setLang('id')} lang="id">
        Indonesia
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">
        English
      </button>
    </div>
  );
}
