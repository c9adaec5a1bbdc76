import * as z from 'zod';
import { timeZoneSchema } from './timezone';

/** UI and chat languages: English and Urdu. */
export const LANGUAGES = ['en', 'ur'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** A user's saved settings; null = not chosen (time zone: UTC; language: the browser's). */
export const settingsSchema = z.object({
  time_zone: z.string().nullable(),
  language: languageSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** PATCH /settings: the given fields change; null clears one. The zone is stored in its canonical spelling. */
export const updateSettingsSchema = z
  .strictObject({
    time_zone: timeZoneSchema.nullable().optional(),
    language: languageSchema.nullable().optional(),
  })
  .refine((v) => v.time_zone !== undefined || v.language !== undefined, {
    message: 'at least one field is required',
  });
export type UpdateSettingsInput = z.output<typeof updateSettingsSchema>;
