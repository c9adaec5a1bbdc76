'use client';

import { useT } from '@/i18n/client';

/**
 * The page's one polite live region, visually hidden. It is on the page from the start (a region that appears
 * together with its first words may not be read); lib/client/announce-text.ts adds each announcement as a line.
 */
export function Announcer() {
  const t = useT('workspace');
  return (
    <div id="announcer" className="sr-only" role="log" aria-live="polite" aria-label={t('announcements')} />
  );
}
