'use client';

import { settingsSchema, type Language, type Settings } from '@todo/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '@/lib/client/api';
import { describeDue, isKnownTimeZone } from '@/lib/client/dates';
import {
  settingsErrorsFromApi,
  settingsPatch,
  timeZoneOptions,
  type SettingsErrors,
} from '@/lib/client/settings-form';
import { useBrowserTimeZone } from '@/lib/client/user-settings';
import styles from './RegionSettings.module.css';

const LANGUAGES: ReadonlyArray<{ value: Language; label: string; lang: string }> = [
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'ur', label: 'اردو', lang: 'ur' },
];

/** Time zone and language: the zone reads the chat's "tomorrow at 5pm" and shows every due date. */
export function RegionSettings({
  userId,
  settings,
  onSaved,
}: {
  userId: string;
  settings: Settings | null;
  onSaved: (s: Settings) => void;
}) {
  const device = useBrowserTimeZone();
  const [timeZone, setTimeZone] = useState(settings?.time_zone ?? '');
  const [language, setLanguage] = useState<Language>(settings?.language ?? 'en');
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZoneOptions, []);
  // The zone shown before one is saved is this device's (the first sign-in saves it).
  const shownZone = timeZone || device;
  // A live preview of the choice; a half-typed zone previews as UTC.
  const example = describeDue(
    { due_at: new Date(Date.now() + 86_400_000).toISOString(), completed: false },
    isKnownTimeZone(shownZone) ? shownZone : 'UTC',
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    const result = settingsPatch({ timeZone: shownZone, language }, settings);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (!result.body) {
      setStatus('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      const saved = settingsSchema.parse(
        await api<unknown>(`/api/${encodeURIComponent(userId)}/settings`, {
          method: 'PATCH',
          json: result.body,
        }),
      );
      setTimeZone(saved.time_zone ?? '');
      onSaved(saved);
      setStatus(`Saved. Dates now show in ${saved.time_zone ?? device}.`);
    } catch (err) {
      setErrors(settingsErrorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel card" aria-labelledby="region-title">
      <h2 id="region-title">Time zone and language</h2>
      <p className="muted">
        The assistant reads “tomorrow at 5pm” in this time zone, and due dates are shown in it.
      </p>
      <form className={styles.form} onSubmit={save} noValidate>
        <label htmlFor="settings-time-zone">Time zone</label>
        <div className={styles.row}>
          <input
            id="settings-time-zone"
            list="settings-time-zones"
            value={shownZone}
            onChange={(e) => setTimeZone(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!errors.time_zone}
            aria-describedby={`settings-time-zone-help${errors.time_zone ? ' settings-time-zone-error' : ''}`}
          />
          <datalist id="settings-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setTimeZone(device)}
            disabled={shownZone === device}
          >
            Use this device’s zone
          </button>
        </div>
        <p id="settings-time-zone-help" className="muted small">
          Type to search, e.g. “Karachi” or “Los_Angeles”. This device is in {device}.
          {example && ` A task due this time tomorrow shows as “${example.text}”.`}
        </p>
        {errors.time_zone && (
          <p id="settings-time-zone-error" className="field-error" role="alert">
            {errors.time_zone}
          </p>
        )}

        <label htmlFor="settings-language">Language</label>
        <select
          id="settings-language"
          value={language}
          onChange={(e) => setLanguage(e.target.value as Language)}
          aria-invalid={!!errors.language}
          aria-describedby={errors.language ? 'settings-language-error' : undefined}
        >
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value} lang={l.lang}>
              {l.label}
            </option>
          ))}
        </select>
        {errors.language && (
          <p id="settings-language-error" className="field-error" role="alert">
            {errors.language}
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <span role="status" className="muted small">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
