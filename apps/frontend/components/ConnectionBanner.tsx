'use client';

import { useEffect, useState } from 'react';
import { retryNow, useConnection } from '@/lib/client/connection';

/**
 * The one notice of a backend outage for the whole page (the panels show no error of their own for it). It
 * retries by itself with backoff and goes away when the backend answers; the panels then reload.
 */
export function ConnectionBanner() {
  const { down, retryAt } = useConnection();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!down) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [down]);
  // The live region stays in the page so that its text appearing is announced.
  return (
    <div className="connection-slot" role="status" aria-live="polite">
      {down && (
        <div className="connection-banner" data-connection="down">
          <span>
            Can’t reach the server. Your work is kept;{' '}
            {retryAt && retryAt > now
              ? `retrying in ${Math.ceil((retryAt - now) / 1000)} s.`
              : 'retrying now…'}
          </span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={retryNow}>
            Retry now
          </button>
        </div>
      )}
    </div>
  );
}
