import type { Language } from '@todo/shared';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { LANGUAGE_COOKIE, languageFromAcceptLanguage, isLanguage } from '@/i18n/locales';
import { getSession } from './session';
import { getSettings } from './settings';

/**
 * The language a page renders in, decided on the server so the first paint is already in it: a signed-in user's
 * saved language; else the language cookie (set when a choice is saved, so sign-in after sign-out keeps it); else
 * the browser's Accept-Language; else English.
 */
export const requestLanguage = cache(async (): Promise<Language> => {
  const session = await getSession();
  if (session.status === 'signed-in') {
    const saved = (await getSettings(session.user.id))?.language;
    if (saved) return saved;
  }
  const cookie = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (cookie && isLanguage(cookie)) return cookie;
  return languageFromAcceptLanguage((await headers()).get('accept-language'));
});
