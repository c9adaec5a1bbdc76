'use client';

import { Suspense, useState } from 'react';
import { useT } from '@/i18n/client';
import { lazyAfterLoad } from '@/lib/client/after-load';
import { api } from '@/lib/client/api';
import { Logo } from './icons';

// The outage banner has nothing to show before the page has loaded.
const ConnectionBanner = lazyAfterLoad(() => import('./ConnectionBanner'));

/** The top bar: the app, who is signed in (their name; the email when there is none), Settings and Sign out. */
export function Header({
  name,
  email,
  current,
}: {
  name: string;
  email: string;
  current: 'home' | 'settings';
}) {
  const [busy, setBusy] = useState(false);
  const t = useT('header');
  const tc = useT('common');

  async function signOut() {
    setBusy(true);
    try {
      await api('/api/auth/sign-out', { method: 'POST', json: {} });
    } catch {
      // Even if the call fails, leaving the page is what the person asked for; the server re-checks the session.
    }
    window.location.assign('/sign-in');
  }

  // Plain links, not next/link: its router code is ≈ 3 KB gzipped of the first load of `/`, and both pages are
  // rendered on the server for each visit anyway.
  return (
    <>
      <header className="topbar">
        <a href="/" className="brand">
          <Logo /> <span>{tc('appName')}</span>
        </a>
        <nav aria-label={t('account')} className="topnav">
          {/* Filled by on-demand parts of the page (the reminders' "Turn on notifications"). */}
          <span id="header-slot" className="header-slot" />
          <span className="user-name" title={email}>
            {name.trim() || email}
          </span>
          {current === 'home' ? (
            <a href="/settings" className="btn btn-ghost">
              {t('settings')}
            </a>
          ) : (
            <a href="/" className="btn btn-ghost">
              {t('backToApp')}
            </a>
          )}
          <button type="button" className="btn btn-ghost" onClick={signOut} disabled={busy}>
            {t('signOut')}
          </button>
        </nav>
      </header>
      {/* The live region stays in the page so that its text appearing is announced. */}
      <div className="connection-slot" role="status" aria-live="polite">
        <Suspense fallback={null}>
          <ConnectionBanner />
        </Suspense>
      </div>
    </>
  );
}
