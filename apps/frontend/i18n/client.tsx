'use client';

import type { Language } from '@todo/shared';
import { createContext, useContext, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { formatMessage, type Compiled, type Values } from './format';

/*
 * The browser's side of the message catalogs. next-intl resolves the language and loads the catalog on the server,
 * compiled at build time (the plugin's `precompile`); the browser only formats them (./format.ts). next-intl's own
 * client provider costs ≈ 3.4 kB gzip of first load, which the 150 kB budget of `/` has not got.
 */

export type Catalog = { [key: string]: Catalog | Compiled };
export type { Values };
export type Translate = (key: string, values?: Values) => string;

export interface I18n {
  lang: Language;
  messages: Catalog;
}

const I18nContext = createContext<I18n>({ lang: 'en', messages: {} });

// The page's catalog for code outside React (announcements worded in a module loaded after the page).
let pageI18n: I18n = { lang: 'en', messages: {} };

export function I18nProvider({ lang, messages, children }: I18n & { children: ReactNode }) {
  const value = useMemo(() => ({ lang, messages }), [lang, messages]);
  // Published when committed, so rendering stays pure; layout effects run before the page's effects, events and
  // lazily loaded modules word anything with it.
  useLayoutEffect(() => {
    pageI18n = value;
  });
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language ('en' | 'ur'). */
export const useLanguage = (): Language => useContext(I18nContext).lang;

/** A message of one namespace, or undefined when the catalog has no such key (keys that come from the server). */
export type Lookup = (key: string, values?: Values) => string | undefined;

export function lookup({ lang, messages }: I18n, namespace: string): Lookup {
  const ns = (messages[namespace] ?? {}) as Catalog;
  // Own keys only: a key from elsewhere ("constructor") must not find an object's inherited members.
  return (key, values) =>
    Object.hasOwn(ns, key) ? formatMessage(ns[key] as Compiled, lang, values) : undefined;
}

/** A translator bound to one namespace of the catalog. */
export function translator(i18n: I18n, namespace: string): Translate {
  const find = lookup(i18n, namespace);
  // A missing key shows itself (and fails the catalog test) rather than crashing the page.
  return (key, values) => find(key, values) ?? `${namespace}.${key}`;
}

/*
 * For code outside components, in the page's language. The catalog is read at each call, not when the translator
 * is made: a module loaded after the page (the announcer) may make one before the provider's layout effect has
 * published the catalog, which on a slow machine happens after the load event.
 */
export const pageTranslator =
  (namespace: string): Translate =>
  (key, values) =>
    translator(pageI18n, namespace)(key, values);

/** A lookup for code outside components, in the page's language (read at each call, like pageTranslator). */
export const pageLookup =
  (namespace: string): Lookup =>
  (key, values) =>
    lookup(pageI18n, namespace)(key, values);

/** `t('key', { name })` for one namespace, e.g. `useT('tasks')`. */
export function useT(namespace: string): Translate {
  const i18n = useContext(I18nContext);
  // Stable while the language is: safe in effect and callback dependencies.
  return useMemo(() => translator(i18n, namespace), [i18n, namespace]);
}
