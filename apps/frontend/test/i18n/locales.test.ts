import { describe, expect, it } from 'vitest';
import { directionOf, languageFromAcceptLanguage } from '../../i18n/locales';

describe('the language of a page before sign-in', () => {
  it.each([
    ['ur-PK,ur;q=0.9,en;q=0.8', 'ur'],
    ['en-US,en;q=0.9,ur;q=0.8', 'en'],
    ['fr-FR,ur;q=0.5,en;q=0.4', 'ur'],
    ['en;q=0.2, ur;q=0.7', 'ur'],
    ['ur;q=0, en', 'en'],
    ['de, fr', 'en'],
    ['', 'en'],
    [null, 'en'],
  ])('GIVEN Accept-Language %j THEN the UI language is %s', (header, lang) => {
    expect(languageFromAcceptLanguage(header)).toBe(lang);
  });

  it('GIVEN Urdu THEN pages are right to left', () => {
    expect(directionOf('ur')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });
});
