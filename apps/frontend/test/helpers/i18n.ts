import compile from 'icu-minify/compile';
import { lookup, translator, type Catalog, type I18n, type Lookup, type Translate } from '../../i18n/client';
import en from '../../messages/en.json';
import ur from '../../messages/ur.json';

type Tree = { [key: string]: Tree | string };
const compileTree = (tree: Tree): Catalog =>
  Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? (compile(v) as never) : compileTree(v)]),
  );

/** A language's catalog compiled the way next-intl's plugin compiles it for the pages. */
const catalog = (lang: 'en' | 'ur'): I18n => ({ lang, messages: compileTree(lang === 'en' ? en : ur) });

/** A translator over a catalog compiled the way next-intl's plugin compiles it for the pages. */
export function catalogTranslator(lang: 'en' | 'ur', namespace: string): Translate {
  return translator(catalog(lang), namespace);
}

/** The same, undefined for a key the catalog has not got. */
export function catalogLookup(lang: 'en' | 'ur', namespace: string): Lookup {
  return lookup(catalog(lang), namespace);
}

/** The catalog's words for API errors in one language (what toApiError uses on a page). */
export const catalogErrorWords = (lang: 'en' | 'ur'): Lookup => catalogLookup(lang, 'errors');
