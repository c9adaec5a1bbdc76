import { settingsSchema, type Settings } from '@todo/shared';
import { cache } from 'react';
import { backendGet } from './backend';

/**
 * The user's saved settings, read while the page renders on the server (zod stays out of the browser bundle,
 * and the first paint already uses the saved zone). Null when they cannot be read: the UI then uses the
 * browser's zone and does not overwrite anything. Once per request (the page and its language both read them).
 */
export const getSettings = cache(async (userId: string): Promise<Settings | null> => {
  try {
    const res = await backendGet(`/api/${encodeURIComponent(userId)}/settings`);
    if (!res.ok) return null;
    const parsed = settingsSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
});
