'use client';

import type { Language } from '@todo/shared';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatMessage, type Compiled, type Values } from './format';

/*
 * The browser's side of the message catalogs. next-intl resolves the language and loads the catalog on the server,
 * compiled at build time (the plugin's `precompile`); the browser only formats them (./format.ts). next-intl's own
 * client provider costs ≈ 3.4 kB gzip of first load, which the 150 kB budget of `/` has not got.
 */

export type Catalog = { [key: string]: Catalog | Compiled };
export type { Values };
export type Translate = (key: string, values?: Values) => string;

interface I18n {
  lang: Language;
  messages: Catalog;
}

const I18nContext = createContext<I18n>({ lang: 'en', messages: {} });

// The page's catalog for code outside React (announcements worded in a module loaded after the page).
let pageI18n: I18n = { lang: 'en', messages: {} };

export function I18nProvider({ lang, messages, children }: I18n & { children: ReactNode }) {
  const value = useMemo(() => ({ lang, messages }), [lang, messages]);
  pageI18n = value;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language ('en' | 'ur'). */
export const useLanguage = (): Language => useContext(I18nContext).lang;

/** A translator bound to one namespace of the catalog. */
export function translator({ lang, messages }: I18n, namespace: string): Translate {
  const ns = messages[namespace] as Catalog | undefined;
  return (key, values) => {
    const message = ns?.[key] as Compiled | undefined;
    // A missing key shows itself (and fails the catalog test) rather than crashing the page.
    if (message === undefined) return `${namespace}.${key}`;
    return formatMessage(message, lang, values);
  };
}

/** A translator for code outside components, in the page's language. */
export const pageTranslator = (namespace: string): Translate => translator(pageI18n, namespace);

/** `t('key', { name })` for one namespace, e.g. `useT('tasks')`. */
export function useT(namespace: string): Translate {
  const i18n = useContext(I18nContext);
  // Stable while the language is: safe in effect and callback dependencies.
  return useMemo(() => translator(i18n, namespace), [i18n, namespace]);
}
