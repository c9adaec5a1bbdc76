'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/i18n/client';
import { retryNow, useConnection } from '@/lib/client/connection';

/**
 * The one notice of a backend outage for the whole page (the panels show no error of their own for it). It
 * retries by itself with backoff and goes away when the backend answers; the panels then reload. Loaded after the
 * page (Header keeps its live region in the page from the start).
 */
export default function ConnectionBanner() {
  const { down, retryAt } = useConnection();
  const [now, setNow] = useState(() => Date.now());
  const t = useT('connection');
  useEffect(() => {
    if (!down) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [down]);
  return (
    <>
      {down && (
        <div className="connection-banner" data-connection="down">
          <span>
            {t('down')}{' '}
            {retryAt && retryAt > now
              ? t('retryIn', { seconds: Math.ceil((retryAt - now) / 1000) })
              : t('retryingNow')}
          </span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={retryNow}>
            {t('retryNow')}
          </button>
        </div>
      )}
    </>
  );
}
