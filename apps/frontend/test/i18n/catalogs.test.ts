import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import compile from 'icu-minify/compile';
import format from 'icu-minify/format';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../i18n/format';
import en from '../../messages/en.json';
import ur from '../../messages/ur.json';

type Tree = { [key: string]: Tree | string };

/** Every message as [dotted key, ICU text]. */
function flatten(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

/** The arguments a message takes, with their kind ("count:plural", "title:argument"). */
function args(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument) out.add(`${e.value}:argument`);
    if (e.type === TYPE.number) out.add(`${e.value}:number`);
    if (e.type === TYPE.date || e.type === TYPE.time) out.add(`${e.value}:date`);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(`${e.value}:${e.type === TYPE.plural ? 'plural' : 'select'}`);
      for (const o of Object.values(e.options)) args(o.value, out);
    }
    if (e.type === TYPE.tag) {
      out.add(`<${e.value}>`);
      args(e.children, out);
    }
  }
  return out;
}

const catalogs = { en: new Map(flatten(en)), ur: new Map(flatten(ur)) };
const formatters = {
  getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) =>
    new Intl.DateTimeFormat(...a),
  getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
  getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
};

describe('message catalogs', () => {
  it('GIVEN the English and Urdu catalogs THEN each has every key of the other', () => {
    expect([...catalogs.ur.keys()].sort()).toEqual([...catalogs.en.keys()].sort());
  });

  it.each([...catalogs.en.keys()])('GIVEN %s THEN both languages take the same ICU arguments', (key) => {
    const [a, b] = [catalogs.en.get(key)!, catalogs.ur.get(key)];
    expect(b, `ur is missing ${key}`).toBeDefined();
    expect([...args(parse(b!))].sort()).toEqual([...args(parse(a))].sort());
  });

  it('GIVEN an Urdu message THEN it is written in Urdu script, not left in English', () => {
    // Names and technical words (MCP, URL, Enter) may stay Latin; every message has some Urdu in it.
    const latinOnly = [...catalogs.ur].filter(([, v]) => !/[\u0600-\u06ff]/.test(v)).map(([k]) => k);
    expect(latinOnly).toEqual(['settings.mcpUrl']);
  });

  it.each(['en', 'ur'] as const)(
    'GIVEN every %s message THEN the browser formatter gives what next-intl’s icu-minify gives',
    (lang) => {
      for (const [key, text] of catalogs[lang]) {
        const values = Object.fromEntries(
          [...args(parse(text))].map((a): [string, string | number] => {
            const [name = a, kind] = a.split(':');
            return [name, kind === 'plural' || kind === 'number' ? 3 : `‹${name}›`];
          }),
        );
        const compiled = compile(text);
        expect(formatMessage(compiled as never, lang, values), key).toBe(
          String(format(compiled, lang, values, { formatters })),
        );
      }
    },
  );

  it('GIVEN a count THEN plurals follow the language and numbers are formatted by Intl', () => {
    const pending = compile(catalogs.en.get('tasks.pending')!);
    expect(formatMessage(pending as never, 'en', { count: 1234 })).toBe('1,234 pending');
    expect(formatMessage(compile(catalogs.ur.get('tasks.doneGroup')!) as never, 'ur', { count: 2 })).toBe(
      'مکمل (2)',
    );
  });
});
