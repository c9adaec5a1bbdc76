'use client';

import type { Settings } from '@todo/shared';
import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
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
