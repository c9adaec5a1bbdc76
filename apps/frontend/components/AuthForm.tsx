'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useT } from '@/i18n/client';
import { api, ApiError } from '@/lib/client/api';
import { Logo } from './icons';

type Mode = 'sign-in' | 'sign-up';

// Catalog keys (namespace `auth`) of each mode's words.
const COPY: Record<
  Mode,
  { title: string; action: string; busy: string; switchText: string; switchHref: string; switchLink: string }
> = {
  'sign-in': {
    title: 'signInTitle',
    action: 'signInAction',
    busy: 'signingIn',
    switchText: 'newHere',
    switchHref: '/sign-up',
    switchLink: 'createAccountLink',
  },
  'sign-up': {
    title: 'signUpTitle',
    action: 'signUpAction',
    busy: 'signingUp',
    switchText: 'haveAccount',
    switchHref: '/sign-in',
    switchLink: 'signInLink',
  },
};

/** Sign-up went through but its sign-in did not: the email already had an account with another password. */
class TakenEmail extends Error {}

export function AuthForm({ mode }: { mode: Mode }) {
  const copy = COPY[mode];
  const t = useT('auth');
  const tc = useT('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // Text fields only: a File (which these inputs never hold) reads as empty.
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === 'string' ? value : '';
    };
    const email = text('email').trim();
    const password = text('password');
    const name = text('name').trim();
    const local: Record<string, string> = {};
    if (mode === 'sign-up' && !name) local.name = t('nameRequired');
    if (!/^\S+@\S+\.\S+$/.test(email)) local.email = t('emailInvalid');
    if (mode === 'sign-up' && password.length < 8) local.password = t('passwordShort');
    if (mode === 'sign-in' && !password) local.password = t('passwordRequired');
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
        setError(t('takenEmail'));
        setBusy(false);
        return;
      }
      // Loaded on failure only: reading the details needs the shared schemas (and zod), the form does not.
      const { fieldErrors } = await import('@/lib/client/form-errors');
      setFields(fieldErrors(err));
      // API errors come worded in the UI's language (see lib/client/error-text.ts).
      setError(err instanceof ApiError ? err.message : t('failed'));
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand brand-lg" aria-hidden="true">
          <Logo /> {tc('appName')}
        </div>
        <h1>{t(copy.title)}</h1>
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? 'form-error' : undefined}>
          {mode === 'sign-up' && (
            <AuthField name="name" label={t('name')} autoComplete="name" error={fields.name} />
          )}
          <AuthField name="email" label={t('email')} type="email" autoComplete="email" error={fields.email} />
          <AuthField
            name="password"
            label={t('password')}
            type="password"
            autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
            minLength={mode === 'sign-up' ? 8 : undefined}
            error={fields.password}
            hint={mode === 'sign-up' ? t('passwordHint') : undefined}
          />
          <div aria-live="assertive">
            {error && (
              <p id="form-error" className="form-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
            {busy ? t(copy.busy) : t(copy.action)}
          </button>
        </form>
        <p className="auth-switch">
          {t(copy.switchText)} <Link href={copy.switchHref}>{t(copy.switchLink)}</Link>
        </p>
      </div>
    </main>
  );
}

/** One labelled input with its error (or else its hint) tied to it for screen readers. */
function AuthField({
  name,
  label,
  error,
  hint,
  ...input
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  type?: string;
  autoComplete: string;
  minLength?: number;
}) {
  const described = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} required aria-invalid={!!error} aria-describedby={described} {...input} />
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${name}-hint`} className="hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
