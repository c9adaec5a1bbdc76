'use client';

import type { Settings } from '@todo/shared';
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { api } from './api';
import { browserTimeZone } from './dates';

interface UserSettingsValue {
  /** What the server has saved; null when it could not be read. */
  settings: Settings | null;
  /** The zone dates are shown in: the saved one, else this device's. */
  zone: string;
  setSettings: (s: Settings) => void;
}

const UserSettingsContext = createContext<UserSettingsValue | null>(null);

const noSubscribe = () => () => {};

/** This device's zone; 'UTC' while rendering on the server, whose zone is not the user's. */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(noSubscribe, browserTimeZone, () => 'UTC');
}

export function UserSettingsProvider({
  initial,
  children,
}: {
  initial: Settings | null;
  children: ReactNode;
}) {
  const [settings, setSettings] = useState(initial);
  const device = useBrowserTimeZone();
  const value = useMemo(
    () => ({ settings, zone: settings?.time_zone ?? device, setSettings }),
    [settings, device],
  );
  return <UserSettingsContext.Provider value={value}>{children}</UserSettingsContext.Provider>;
}

export function useUserSettings(): UserSettingsValue {
  const value = useContext(UserSettingsContext);
  if (!value) throw new Error('useUserSettings needs a UserSettingsProvider');
  return value;
}

/** The zone due dates are shown in. */
export const useTimeZone = () => useUserSettings().zone;

/**
 * On a user's first sign-in nothing is saved yet: save this device's zone, so chat turns from other surfaces
 * (MCP, API clients without a zone) read "tomorrow" where the user lives rather than in UTC.
 */
export function useSaveFirstTimeZone(userId: string) {
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
}
