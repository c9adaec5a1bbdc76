'use client';

import { useEffect } from 'react';
import { api } from './api';
import { browserTimeZone } from './dates';
import { useUserSettings } from './user-settings';

/**
 * On a user's first sign-in nothing is saved yet: save this device's zone, so chat turns from other surfaces
 * (MCP, API clients without a zone) read "tomorrow" where the user lives rather than in UTC. Rendered after the
 * page has loaded (lazily: it has no part in showing the page, and `/` has a first-load budget).
 */
export default function SaveFirstTimeZone({ userId }: { userId: string }) {
  const { settings, setSettings } = useUserSettings();
  const missing = settings !== null && settings.time_zone === null;
  useEffect(() => {
    if (!settings || settings.time_zone !== null) return;
    const zone = browserTimeZone();
    api(`/api/${encodeURIComponent(userId)}/settings`, { method: 'PATCH', json: { time_zone: zone } }).then(
      // The reply is the saved settings; the zone came from this runtime's Intl, already canonical.
      () => setSettings({ ...settings, time_zone: zone }),
      // Not saved: dates still show in this device's zone, and the next visit tries again.
      () => undefined,
    );
    // Once per missing zone, not on every settings change (settings is read only to keep the language).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose, as the line above says
  }, [missing, userId]);
  return null;
}
