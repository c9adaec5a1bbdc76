import type { Language } from '@todo/shared';

/** The UI languages (the same list as the backend's `LANGUAGES`; a type import keeps zod out of the browser). */
export const UI_LANGUAGES: readonly Language[] = ['en', 'ur'];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Remembers the last chosen language for pages shown before sign-in. */
export const LANGUAGE_COOKIE = 'lang';

export const isLanguage = (v: string): v is Language => (UI_LANGUAGES as readonly string[]).includes(v);

export const directionOf = (lang: Language): 'ltr' | 'rtl' => (lang === 'ur' ? 'rtl' : 'ltr');

/** The first of the browser's languages (by q-value) that the UI has, else English. */
export function languageFromAcceptLanguage(header: string | null | undefined): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.primary && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.primary).find(isLanguage) ?? DEFAULT_LANGUAGE;
}
