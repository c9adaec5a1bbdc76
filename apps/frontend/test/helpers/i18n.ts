import compile from 'icu-minify/compile';
import { translator, type Catalog, type Translate } from '../../i18n/client';
import en from '../../messages/en.json';
import ur from '../../messages/ur.json';

type Tree = { [key: string]: Tree | string };
const compileTree = (tree: Tree): Catalog =>
  Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? (compile(v) as never) : compileTree(v)]),
  );

/** A translator over a catalog compiled the way next-intl's plugin compiles it for the pages. */
export function catalogTranslator(lang: 'en' | 'ur', namespace: string): Translate {
  return translator({ lang, messages: compileTree(lang === 'en' ? en : ur) }, namespace);
}
