'use client';

import type { Settings } from '@todo/shared';
import { useCallback, useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useLanguage, useT } from '@/i18n/client';
import { api, ApiError, panelError } from '@/lib/client/api';
import { useBrowserTimeZone } from '@/lib/client/user-settings';
import type { SessionUser } from '@/lib/server/session';
import { ConfirmButton } from './ConfirmButton';
import { Header } from './Header';
import { RegionSettings } from './settings/RegionSettings';

interface TokenInfo {
  id: string | number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

const noSubscribe = () => () => {};
/** This page's origin (the MCP URL is on it); empty while rendering on the server. */
const useOrigin = () =>
  useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );

function formatDate(iso: string | null, timeZone: string, lang: string, never: string): string {
  if (!iso) return never;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const t = useT('settings');
  return (
    <button
      type="button"
      className="btn btn-secondary btn-sm"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? t('copied') : t('copy')}
    </button>
  );
}

export function SettingsView({ user, settings }: { user: SessionUser; settings: Settings | null }) {
  const [saved, setSaved] = useState(settings);
  const device = useBrowserTimeZone();
  const zone = saved?.time_zone ?? device;
  const base = `/api/${encodeURIComponent(user.id)}/tokens`;
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = useOrigin();
  const t = useT('settings');
  const tc = useT('common');
  const lang = useLanguage();

  // State is set when the answer comes, never while the effect that asks for it runs.
  const load = useCallback(
    () =>
      api<{ items: TokenInfo[] }>(base).then(
        (res) => {
          setTokens(res.items);
          setError(null);
        },
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 401) window.location.assign('/sign-in');
          setError(panelError(err, t('loadFailed')));
          setTokens((list) => list ?? []);
        },
      ),
    [base, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('nameRequired'));
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ id: string; name: string; token: string }>(base, {
        method: 'POST',
        json: { name: name.trim() },
      });
      setCreated({ name: res.name, token: res.token });
      setName('');
      setError(null);
      void load();
    } catch (err) {
      setError(panelError(err, t('createFailed')));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: TokenInfo) {
    try {
      await api(`${base}/${encodeURIComponent(String(token.id))}`, { method: 'DELETE' });
      setTokens((list) => list?.filter((x) => x.id !== token.id) ?? null);
      // Its row is gone with the focus in it: continue at the token form rather than at the top of the page.
      document.getElementById('token-name')?.focus();
    } catch (err) {
      setError(panelError(err, t('revokeFailed')));
    }
  }

  const mcpUrl = `${origin}/mcp`;
  const config = JSON.stringify(
    {
      mcpServers: {
        todo: {
          type: 'http',
          url: mcpUrl,
          headers: { Authorization: `Bearer ${created?.token ?? '<your token>'}` },
        },
      },
    },
    null,
    2,
  );

  return (
    <div className="app">
      <Header name={user.name} email={user.email} current="settings" />
      <main className="settings">
        <h1>{t('title')}</h1>
        <RegionSettings userId={user.id} settings={saved} onSaved={setSaved} />
        <section className="panel card" aria-labelledby="mcp-title">
          <h2 id="mcp-title">{t('mcpTitle')}</h2>
          <p className="muted">{t('mcpBody')}</p>
          <div className="kv">
            <span className="kv-label">{t('mcpUrl')}</span>
            <code className="kv-value">{mcpUrl}</code>
            <CopyButton text={mcpUrl} label={t('copyMcpUrl')} />
          </div>

          <form className="token-form" onSubmit={create}>
            <label htmlFor="token-name">{t('tokenName')}</label>
            <div className="add-row">
              <input
                id="token-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t('tokenPlaceholder')}
                maxLength={100}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('createToken')}
              </button>
            </div>
          </form>
          {error && (
            <p className="inline-error" role="alert">
              {error}
            </p>
          )}
          {created && (
            <div className="token-created" role="status">
              <p>
                <strong>{t('tokenCreated', { name: created.name })}</strong> {t('copyNow')}
              </p>
              <div className="kv">
                <code className="kv-value" data-testid="new-token">
                  {created.token}
                </code>
                <CopyButton text={created.token} label={t('copyToken')} />
              </div>
            </div>
          )}

          <h3>{t('clientConfig')}</h3>
          <div className="code-block">
            <pre>{config}</pre>
            <CopyButton text={config} label={t('copyConfig')} />
          </div>

          <h3>{t('yourTokens')}</h3>
          {tokens === null && <p className="muted small">{tc('loading')}</p>}
          {tokens?.length === 0 && <p className="muted small">{t('noTokens')}</p>}
          {tokens && tokens.length > 0 && (
            <table className="tokens">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colCreated')}</th>
                  <th scope="col">{t('colLastUsed')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{formatDate(token.created_at, zone, lang, t('never'))}</td>
                    <td>{formatDate(token.last_used_at, zone, lang, t('never'))}</td>
                    <td>
                      <ConfirmButton
                        className="btn btn-ghost btn-sm danger"
                        confirmText={t('revoke')}
                        confirmLabel={t('confirmRevoke', { name: token.name })}
                        onConfirm={() => void revoke(token)}
                      >
                        {t('revoke')}
                        <span className="sr-only"> {token.name}</span>
                      </ConfirmButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </div>
  );
}
