import * as z from 'zod';

/**
 * The signed-in user as the API knows it: what the backend's session check resolves (`request.user`) and what the
 * frontend reads from `GET /api/auth/get-session` (whose `user` carries more fields; extra keys are ignored).
 */
export const sessionUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** `GET /api/auth/get-session`: the session and its user, or null when the request carries no valid session. */
export const sessionReplySchema = z.object({ user: sessionUserSchema }).nullable();
