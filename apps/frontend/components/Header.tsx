'use client';

import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/client/api';
import { Logo } from './AuthForm';

export function Header({ email, current }: { email: string; current: 'home' | 'settings' }) {
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await api('/api/auth/sign-out', { method: 'POST', json: {} });
    } catch {
      // Even if the call fails, leaving the page is what the person asked for; the server re-checks the session.
    }
    window.location.assign('/sign-in');
  }

  return (
    <header className="topbar">
      <Link href="/" className="brand">
        <Logo /> <span>Todo Chatbot</span>
      </Link>
      <nav aria-label="Account" className="topnav">
        <span className="user-email" title={email}>
          {email}
        </span>
        {current === 'home' ? (
          <Link href="/settings" className="btn btn-ghost">
            Settings
          </Link>
        ) : (
          <Link href="/" className="btn btn-ghost">
            Back to app
          </Link>
        )}
        <button type="button" className="btn btn-ghost" onClick={signOut} disabled={busy}>
          Sign out
        </button>
      </nav>
    </header>
  );
}
