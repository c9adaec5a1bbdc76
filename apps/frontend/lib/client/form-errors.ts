import { authErrorDetailsSchema, validationDetailsSchema } from '@todo/shared';
import { ApiError } from './api';

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
 * Messages keyed by field: a validation error's `details` name fields by dotted path (`body.password` →
 * `password`); a Better Auth error's `details.reason` names the problem, and its message is the error's own.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  const issues = validationDetailsSchema.safeParse(err.details);
  if (issues.success) {
    for (const { path, message } of issues.data) {
      const field = path.split('.').at(-1);
      if (field && !out[field]) out[field] = message;
    }
    return out;
  }
  const auth = authErrorDetailsSchema.safeParse(err.details);
  const field = auth.success ? fieldOfReason(auth.data.reason) : undefined;
  if (field) out[field] = err.message;
  return out;
}
