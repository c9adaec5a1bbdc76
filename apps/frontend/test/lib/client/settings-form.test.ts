import { describe, expect, it } from 'vitest';
import { catalogTranslator } from '../../helpers/i18n';
import { ApiError } from '../../../lib/client/api';
import { settingsErrorsFromApi, settingsPatch, timeZoneOptions } from '../../../lib/client/settings-form';

const saved = { time_zone: 'America/Los_Angeles', language: 'en' as const };

describe('settingsPatch', () => {
  it('GIVEN a changed zone WHEN saved THEN only that field is sent, in its canonical spelling', () => {
    expect(settingsPatch({ timeZone: ' asia/karachi ', language: 'en' }, saved)).toEqual({
      ok: true,
      body: { time_zone: 'Asia/Karachi' },
    });
  });

  it('GIVEN nothing saved yet WHEN saved THEN both fields are sent', () => {
    expect(settingsPatch({ timeZone: 'UTC', language: 'ur' }, { time_zone: null, language: null })).toEqual({
      ok: true,
      body: { time_zone: 'UTC', language: 'ur' },
    });
  });

  it('GIVEN the saved values WHEN saved THEN there is nothing to send', () => {
    expect(settingsPatch({ timeZone: 'America/Los_Angeles', language: 'en' }, saved)).toEqual({
      ok: true,
      body: null,
    });
  });

  it('GIVEN an unknown zone WHEN saved THEN the time zone field explains what is expected', () => {
    const r = settingsPatch({ timeZone: 'Mars/Olympus', language: 'en' }, saved);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.time_zone).toMatch(/unknown time zone "Mars\/Olympus".*America\/Los_Angeles/);
  });

  it('GIVEN an unknown zone in the Urdu UI WHEN saved THEN the field says so in Urdu', () => {
    const t = catalogTranslator('ur', 'region');
    const r = settingsPatch({ timeZone: 'Mars/Olympus', language: 'ur' }, saved, t('chooseZone'), (zone) =>
      t('unknownZone', { zone }),
    );
    expect(r).toEqual({
      ok: false,
      errors: { time_zone: 'نامعلوم ٹائم زون “Mars/Olympus”: کوئی درست زون چنیں، مثلاً Asia/Karachi۔' },
    });
  });

  it('GIVEN an empty zone WHEN saved THEN the field asks for one', () => {
    const r = settingsPatch({ timeZone: '  ', language: 'en' }, saved);
    expect(r).toEqual({ ok: false, errors: { time_zone: 'Choose a time zone, e.g. America/Los_Angeles.' } });
  });
});

describe('settingsErrorsFromApi', () => {
  it('GIVEN a 400 naming body.time_zone WHEN read THEN its message goes under the time zone field', () => {
    const err = new ApiError(400, 'validation_error', 'body.time_zone: unknown time zone', [
      { path: 'body.time_zone', message: 'unknown time zone "X"' },
    ]);
    expect(settingsErrorsFromApi(err)).toEqual({ time_zone: 'unknown time zone "X"' });
  });

  it('GIVEN a failure without field details WHEN read THEN its message is still shown', () => {
    expect(settingsErrorsFromApi(new ApiError(503, 'database_unavailable', 'Try later'))).toEqual({
      time_zone: 'Try later',
    });
    expect(settingsErrorsFromApi(new Error('boom')).time_zone).toMatch(/Could not save/);
  });
});

describe('timeZoneOptions', () => {
  it('GIVEN the runtime’s zone list WHEN offered THEN UTC comes first, once, and common zones are there', () => {
    const zones = timeZoneOptions();
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones).toEqual(expect.arrayContaining(['America/Los_Angeles', 'Asia/Karachi']));
  });
});
