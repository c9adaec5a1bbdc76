/*
 * Formats a message precompiled by next-intl (its plugin's `precompile`, in icu-minify's compiled form) in the
 * browser. Only what the catalogs use: arguments, plural (with #), select and plain numbers — a few hundred bytes,
 * where icu-minify's full `format` is about a kilobyte of the 150 kB first-load budget of `/`. The catalog test
 * formats every message with both and requires the same text, so a message needing more fails there.
 */

type Node = string | typeof POUND | [string, number?, unknown?];
export type Compiled = string | Node[];
export type Values = Record<string, string | number>;

// icu-minify's node types.
const POUND = 0;
const SELECT = 1;
const PLURAL = 2;
const NUMBER = 4;

export function formatMessage(message: Compiled, lang: string, values: Values = {}, count = 0): string {
  if (typeof message === 'string') return message;
  let out = '';
  for (const node of message) {
    if (typeof node === 'string') out += node;
    else if (node === POUND) out += new Intl.NumberFormat(lang).format(count);
    else {
      const [name, type, options] = node;
      const value = values[name];
      if (type === undefined) out += String(value);
      else if (type === NUMBER && options === undefined)
        out += new Intl.NumberFormat(lang).format(Number(value));
      else if (type === SELECT || type === PLURAL) {
        const branches = options as Record<string, Compiled>;
        const n = Number(value);
        const key =
          type === SELECT
            ? String(value)
            : `=${n}` in branches
              ? `=${n}`
              : new Intl.PluralRules(lang).select(n);
        out += formatMessage(branches[key] ?? branches.other!, lang, values, type === PLURAL ? n : count);
      } else
        throw new Error(`Message argument "${name}" has a form the browser's formatter does not support`);
    }
  }
  return out;
}
