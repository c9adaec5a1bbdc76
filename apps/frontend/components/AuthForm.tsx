'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/client/api';
import { Logo } from './icons';

type Mode = 'sign-in' | 'sign-up';

const COPY: Record<
  Mode,
  { title: string; action: string; busy: string; switchText: string; switchHref: string; switchLink: string }
> = {
  'sign-in': {
    title: 'Sign in',
    action: 'Sign in',
    busy: 'Signing in…',
    switchText: 'New here?',
    switchHref: '/sign-up',
    switchLink: 'Create an account',
  },
  'sign-up': {
    title: 'Create your account',
    action: 'Create account',
    busy: 'Creating account…',
    switchText: 'Already have an account?',
    switchHref: '/sign-in',
    switchLink: 'Sign in',
  },
};

/** Sign-up went through but its sign-in did not: the email already had an account with another password. */
class TakenEmail extends Error {}
const TAKEN_EMAIL =
  'We could not sign you in with this email and password. If this email already has an account, sign in with its password, or create an account with another email.';

export function AuthForm({ mode }: { mode: Mode }) {
  const copy = COPY[mode];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    const local: Record<string, string> = {};
    if (mode === 'sign-up' && !name) local.name = 'Enter your name.';
    if (!/^\S+@\S+\.\S+$/.test(email)) local.email = 'Enter a valid email address.';
    if (mode === 'sign-up' && password.length < 8) local.password = 'Use at least 8 characters.';
    if (mode === 'sign-in' && !password) local.password = 'Enter your password.';
    setFields(local);
    setError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      // Sign-up never signs in and answers the same for a registered email (so it tells no one which emails
      // have accounts): sign in next with the same email and password, which opens a new account.
      if (mode === 'sign-up')
        await api('/api/auth/sign-up/email', { method: 'POST', json: { name, email, password } });
      try {
        await api('/api/auth/sign-in/email', { method: 'POST', json: { email, password } });
      } catch (err) {
        throw mode === 'sign-up' && err instanceof ApiError && err.status === 401 ? new TakenEmail() : err;
      }
      // A full navigation lets the server render the workspace with the new session cookie.
      window.location.assign('/');
    } catch (err) {
      if (err instanceof TakenEmail) {
        setError(TAKEN_EMAIL);
        setBusy(false);
        return;
      }
      // Loaded on failure only: reading the details needs the shared schemas (and zod), the form does not.
      const { fieldErrors } = await import('@/lib/client/form-errors');
      setFields(fieldErrors(err));
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
      setBusy(false);
    }
  }

  const describe = (f: string) => (fields[f] ? `${f}-error` : undefined);

  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand brand-lg" aria-hidden="true">
          <Logo /> Todo Chatbot
        </div>
        <h1>{copy.title}</h1>
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? 'form-error' : undefined}>
          {mode === 'sign-up' && (
            <div className="field">
              <label htmlFor="name">Name</label>
              <input
                id="name"
                name="name"
                autoComplete="name"
                required
                aria-invalid={!!fields.name}
                aria-describedby={describe('name')}
              />
              {fields.name && (
                <p id="name-error" className="field-error">
                  {fields.name}
                </p>
              )}
            </div>
          )}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              required
              aria-invalid={!!fields.email}
              aria-describedby={describe('email')}
            />
            {fields.email && (
              <p id="email-error" className="field-error">
                {fields.email}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
              minLength={mode === 'sign-up' ? 8 : undefined}
              required
              aria-invalid={!!fields.password}
              aria-describedby={describe('password') ?? (mode === 'sign-up' ? 'password-hint' : undefined)}
            />
            {fields.password ? (
              <p id="password-error" className="field-error">
                {fields.password}
              </p>
            ) : (
              mode === 'sign-up' && (
                <p id="password-hint" className="hint">
                  At least 8 characters.
                </p>
              )
            )}
          </div>
          <div aria-live="assertive">
            {error && (
              <p id="form-error" className="form-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
            {busy ? copy.busy : copy.action}
          </button>
        </form>
        <p className="auth-switch">
          {copy.switchText} <Link href={copy.switchHref}>{copy.switchLink}</Link>
        </p>
      </div>
    </main>
  );
}
