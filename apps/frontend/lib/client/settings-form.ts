import { updateSettingsSchema, type Language, type Settings, type UpdateSettingsInput } from '@todo/shared';
import { ApiError } from './api';
import { fieldErrors } from './form-errors';

/*
 * The settings form (time zone and language): what is sent, and the message under each field. The zone is
 * checked with the same shared schema the backend uses, so the form rejects exactly what the API would.
 */

export type SettingsField = 'time_zone' | 'language';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export interface SettingsFormValues {
  timeZone: string;
  language: Language;
}

export type SettingsFormResult =
  { ok: true; body: UpdateSettingsInput | null } | { ok: false; errors: SettingsErrors };

/**
 * The PATCH body for the fields that differ from `saved` (null: nothing changed), or the fields' errors, in the UI
 * language's words: `chooseZone` for an empty zone, `unknownZone` for one the runtime does not know (by default
 * the shared schema's English message).
 */
export function settingsPatch(
  values: SettingsFormValues,
  saved: Settings | null,
  chooseZone = 'Choose a time zone, e.g. America/Los_Angeles.',
  unknownZone?: (zone: string) => string,
): SettingsFormResult {
  const zone = values.timeZone.trim();
  if (!zone) return { ok: false, errors: { time_zone: chooseZone } };
  const changes: Record<string, unknown> = {};
  if (zone !== saved?.time_zone) changes.time_zone = zone;
  if (values.language !== saved?.language) changes.language = values.language;
  if (Object.keys(changes).length === 0) return { ok: true, body: null };
  const parsed = updateSettingsSchema.safeParse(changes);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'time_zone' || field === 'language') && !errors[field])
      errors[field] = (field === 'time_zone' && unknownZone?.(zone)) || issue.message;
  }
  return { ok: false, errors };
}

/**
 * The field messages of a failed PATCH /settings (worded as fieldErrors words them). A message without a known
 * field goes under the time zone, the field that can be wrong.
 */
export function settingsErrorsFromApi(
  err: unknown,
  saveFailed = 'Could not save the settings. Try again.',
): SettingsErrors {
  if (!(err instanceof ApiError)) return { time_zone: saveFailed };
  const { time_zone, language } = err.status === 400 ? fieldErrors(err) : {};
  return time_zone || language ? { time_zone, language } : { time_zone: err.message };
}

/** Every zone this runtime knows, for the picker (UTC first: some runtimes leave it out of the list). */
export function timeZoneOptions(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ([] as string[]);
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
