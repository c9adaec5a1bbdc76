import * as z from 'zod';

/** Every error code the API returns, with its HTTP status. Clients may switch on `code`. */
export const ERROR_CODES = {
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** The user has as many tasks as MAX_TASKS_PER_USER allows; `details: {limit}`. */
  task_quota_exceeded: 409,
  /** The user has as many conversations as MAX_CONVERSATIONS_PER_USER allows; `details: {limit}`. */
  conversation_quota_exceeded: 409,
  /** A chat turn_id that was already received and has no stored answer (still running, or cut off). */
  turn_unfinished: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  llm_unavailable: 502,
  backend_unavailable: 502,
  database_unavailable: 503,
  service_unavailable: 503,
  llm_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * `details` of a `validation_error` from a request schema: one entry per problem, `path` dotted and starting with
 * the part of the request (`body.password`, `query.limit`, `params.id`).
 */
export const validationIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
export const validationDetailsSchema = z.array(validationIssueSchema);

/**
 * `details` of an error Better Auth raised (sign-up, sign-in, …): its own code in lower case, e.g.
 * `password_too_short`, `user_already_exists`, `invalid_email_or_password`.
 */
export const authErrorDetailsSchema = z.object({ reason: z.string() });
export type AuthErrorDetails = z.infer<typeof authErrorDetailsSchema>;
