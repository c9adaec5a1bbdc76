import type { Metadata, Viewport } from 'next';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { I18nProvider, type Catalog } from '@/i18n/client';
import { directionOf } from '@/i18n/locales';
import type { Language } from '@todo/shared';
import './globals.css';

// Every page is rendered per request, the not-found page included: each response carries its own CSP nonce
// (see server/security-headers.ts), which a page prerendered at build time could not have on its scripts.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [tc, t] = await Promise.all([getTranslations('common'), getTranslations('meta')]);
  return { title: tc('appName'), description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7f8' },
    { media: '(prefers-color-scheme: dark)', color: '#141518' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = (await getLocale()) as Language;
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <body>
        <I18nProvider lang={lang} messages={(await getMessages()) as Catalog}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
