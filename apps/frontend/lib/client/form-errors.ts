import { authErrorDetailsSchema, validationDetailsSchema } from '@todo/shared';
import type { Lookup } from '@/i18n/client';
import { ApiError } from './api';
import { errorText, issueField } from './error-text';

/*
 * Field-level messages from an API error, read with the shared `details` contracts. Kept out of api.ts: zod comes
 * with the shared schemas, and the forms load this module only when a request has failed.
 */

/** The form field a Better Auth reason is about (`password_too_short` → password). */
function fieldOfReason(reason: string): string | undefined {
  if (reason.includes('password')) return 'password';
  if (reason.includes('email') || reason === 'user_already_exists') return 'email';
  if (reason.includes('name')) return 'name';
  return undefined;
}

/**
 * Messages keyed by field, in the UI's language: a validation error's `details` name fields by dotted path
 * (`body.password` → `password`), each worded as the error itself is (errorText: the catalog's words for the
 * field, else the server's); a Better Auth error's `details.reason` names the problem, and its message is the
 * error's own.
 */
export function fieldErrors(err: unknown, words?: Lookup): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  const issues = validationDetailsSchema.safeParse(err.details);
  if (issues.success) {
    for (const issue of issues.data) {
      const field = issueField(issue.path);
      if (!out[field]) out[field] = errorText(err.code, [issue], issue.message, issue.message, words);
    }
    return out;
  }
  const auth = authErrorDetailsSchema.safeParse(err.details);
  const field = auth.success ? fieldOfReason(auth.data.reason) : undefined;
  if (field) out[field] = err.message;
  return out;
}
