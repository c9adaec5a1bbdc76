import type { AbstractIntlMessages } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { requestLanguage } from '@/lib/server/locale';
import { getSession } from '@/lib/server/session';
import { getSettings } from '@/lib/server/settings';

// next-intl's per-request configuration (wired in next.config.ts): the language and its catalog.
export default getRequestConfig(async () => {
  const locale = await requestLanguage();
  const session = await getSession();
  const zone = session.status === 'signed-in' ? (await getSettings(session.user.id))?.time_zone : undefined;
  return {
    locale,
    messages: ((await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages }).default,
    // Server-side formatting (if any) in the user's zone; client code formats with the zone it holds itself.
    timeZone: zone ?? 'UTC',
  };
});
