'use client';

import { settingsSchema, type Language, type Settings } from '@todo/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useLanguage, useT } from '@/i18n/client';
import { LANGUAGE_COOKIE } from '@/i18n/locales';
import { api } from '@/lib/client/api';
import { isKnownTimeZone } from '@/lib/client/dates';
import { describeDue } from '@/lib/client/due-text';
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
  const t = useT('region');
  const tc = useT('common');
  const uiLanguage = useLanguage();
  const [timeZone, setTimeZone] = useState(settings?.time_zone ?? '');
  const [language, setLanguage] = useState<Language>(settings?.language ?? uiLanguage);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneOptions(), []);
  // The preview's "now", taken once: rendering stays pure, and the example does not shift as the form re-renders.
  const [now] = useState(() => Date.now());
  // The zone shown before one is saved is this device's (the first sign-in saves it).
  const shownZone = timeZone || device;
  // A live preview of the choice; a half-typed zone previews as UTC.
  const example = describeDue(
    { due_at: new Date(now + 86_400_000).toISOString(), completed: false },
    isKnownTimeZone(shownZone) ? shownZone : 'UTC',
    new Date(now),
    uiLanguage,
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    const result = settingsPatch({ timeZone: shownZone, language }, settings, t('chooseZone'), (zone) =>
      t('unknownZone', { zone }),
    );
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (!result.body) {
      setStatus(t('nothingChanged'));
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
      if (saved.language && saved.language !== uiLanguage) {
        // Pages before sign-in follow the last choice too; the server renders this page again in the new
        // language (and direction), so nothing is translated half-way on the client.
        document.cookie = `${LANGUAGE_COOKIE}=${saved.language}; path=/; max-age=31536000; samesite=lax`;
        window.location.reload();
        return;
      }
      setStatus(t('saved', { zone: saved.time_zone ?? device }));
    } catch (err) {
      setErrors(settingsErrorsFromApi(err, t('saveFailed')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel card" aria-labelledby="region-title">
      <h2 id="region-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <form className={styles.form} onSubmit={save} noValidate>
        <label htmlFor="settings-time-zone">{t('timeZone')}</label>
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
            {t('useDevice')}
          </button>
        </div>
        <p id="settings-time-zone-help" className="muted small">
          {t('zoneHelp', { zone: device })}
          {example && ` ${t('zoneExample', { example: example.text })}`}
        </p>
        {errors.time_zone && (
          <p id="settings-time-zone-error" className="field-error" role="alert">
            {errors.time_zone}
          </p>
        )}

        <label htmlFor="settings-language">{t('language')}</label>
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
            {busy ? tc('saving') : tc('save')}
          </button>
          <span role="status" className="muted small">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
