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

/**
 * `POST /api/auth/sign-up/email` answers exactly this whether or not the email already had an account, so the
 * answer tells no one which emails are registered, and it never signs in. The client signs in next with the same
 * email and password: that works for a new account (and for the owner of an existing one, who knows its password).
 */
export const SIGN_UP_REPLY = {
  status: 'accepted',
  next: 'sign_in',
  message:
    'If this email is new, its account is ready: sign in with this email and password. If it already has an account, sign in with that account’s password.',
} as const;
export const signUpReplySchema = z.object({
  status: z.literal(SIGN_UP_REPLY.status),
  next: z.literal(SIGN_UP_REPLY.next),
  message: z.string(),
});
export type SignUpReply = z.infer<typeof signUpReplySchema>;
