import { z } from 'zod';

/** Every error code the API returns, with its HTTP status. Clients may switch on `code`. */
export const ERROR_CODES = {
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
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
