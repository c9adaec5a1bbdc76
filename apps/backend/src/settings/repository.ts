import type { Settings, UpdateSettingsInput } from '@todo/shared';
import type { Database } from '../db/client';

/*
 * A user's saved settings live in their user_settings row (which also holds their task-number counter, so the row
 * usually exists from the first task on). A user without a row has the defaults: nulls.
 */

const GET_SQL = 'select time_zone, language from user_settings where user_id = $1';

/** The saved time zone of the user given as statement parameter `param`, as a scalar subquery (null: none). */
export const savedZoneSql = (param: string) =>
  `(select time_zone from user_settings where user_id = ${param})`;

const DEFAULTS: Settings = { time_zone: null, language: null };

export function settingsRepository(database: Database) {
  return {
    /** One prepared statement: cheap enough for every chat turn. */
    async getSettings(userId: string): Promise<Settings> {
      const [row] = await database.query<Settings>('settings_get', GET_SQL, [userId]);
      return row ?? DEFAULTS;
    },

    /** Sets the given fields (null clears one) and returns all of them. */
    async updateSettings(userId: string, patch: UpdateSettingsInput): Promise<Settings> {
      // Each field is either kept (its flag false) or set to its parameter, so one statement text serves every patch.
      const [row] = await database.query<Settings>(
        'settings_update',
        `insert into user_settings (user_id, time_zone, language) values ($1, $3, $5::ui_language)
on conflict (user_id) do update set
  time_zone = case when $2 then $3 else user_settings.time_zone end,
  language = case when $4 then $5::ui_language else user_settings.language end,
  updated_at = now()
returning time_zone, language`,
        [
          userId,
          patch.time_zone !== undefined,
          patch.time_zone ?? null,
          patch.language !== undefined,
          patch.language ?? null,
        ],
      );
      return row!;
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
