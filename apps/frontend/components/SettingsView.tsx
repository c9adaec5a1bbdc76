'use client';

import type { Settings } from '@todo/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
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

function formatDate(iso: string | null, timeZone: string): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
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
      {copied ? 'Copied' : 'Copy'}
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
  const [origin, setOrigin] = useState('');

  const load = useCallback(async () => {
    try {
      setTokens((await api<{ items: TokenInfo[] }>(base)).items);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) window.location.assign('/sign-in');
      setError(panelError(err, 'Could not load tokens.'));
      setTokens((t) => t ?? []);
    }
  }, [base]);

  useEffect(() => {
    setOrigin(window.location.origin);
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the token a name, e.g. the client that will use it.');
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
      setError(panelError(err, 'Could not create the token.'));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(t: TokenInfo) {
    try {
      await api(`${base}/${encodeURIComponent(String(t.id))}`, { method: 'DELETE' });
      setTokens((list) => list?.filter((x) => x.id !== t.id) ?? null);
      // Its row is gone with the focus in it: continue at the token form rather than at the top of the page.
      document.getElementById('token-name')?.focus();
    } catch (err) {
      setError(panelError(err, 'Could not revoke the token.'));
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
        <h1>Settings</h1>
        <RegionSettings userId={user.id} settings={saved} onSaved={setSaved} />
        <section className="panel card" aria-labelledby="mcp-title">
          <h2 id="mcp-title">MCP access</h2>
          <p className="muted">
            Let AI clients (Claude, kagent, any MCP client) manage your tasks through the Model Context
            Protocol. Each client authenticates with its own token; revoke a token to cut its access.
          </p>
          <div className="kv">
            <span className="kv-label">MCP URL</span>
            <code className="kv-value">{mcpUrl}</code>
            <CopyButton text={mcpUrl} label="Copy MCP URL" />
          </div>

          <form className="token-form" onSubmit={create}>
            <label htmlFor="token-name">Token name</label>
            <div className="add-row">
              <input
                id="token-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="e.g. Claude Desktop"
                maxLength={100}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Create token
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
                <strong>Token “{created.name}” created.</strong> Copy it now — it will not be shown again.
              </p>
              <div className="kv">
                <code className="kv-value" data-testid="new-token">
                  {created.token}
                </code>
                <CopyButton text={created.token} label="Copy token" />
              </div>
            </div>
          )}

          <h3>Client configuration</h3>
          <div className="code-block">
            <pre>{config}</pre>
            <CopyButton text={config} label="Copy client configuration" />
          </div>

          <h3>Your tokens</h3>
          {tokens === null && <p className="muted small">Loading…</p>}
          {tokens?.length === 0 && <p className="muted small">No tokens yet.</p>}
          {tokens && tokens.length > 0 && (
            <table className="tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>{formatDate(t.created_at, zone)}</td>
                    <td>{formatDate(t.last_used_at, zone)}</td>
                    <td>
                      <ConfirmButton
                        className="btn btn-ghost btn-sm danger"
                        confirmText="Revoke"
                        confirmLabel={`Yes, revoke ${t.name}`}
                        onConfirm={() => void revoke(t)}
                      >
                        Revoke<span className="sr-only"> {t.name}</span>
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
