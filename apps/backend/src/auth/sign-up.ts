import { SIGN_UP_REPLY } from '@todo/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH_BASE_PATH } from './auth';

/*
 * Sign-up must not tell anyone whether an email is registered. Better Auth (autoSignIn off) already answers an
 * existing email with a made-up user after hashing the given password; we replace both answers with one fixed
 * body (no user id, made-up or real) and hold every answer until a fixed time after the request arrived, so the
 * remaining difference (the new account's inserts) does not show in the timing either.
 */

export const SIGN_UP_PATH = `${AUTH_BASE_PATH}/sign-up/email`;

/** The body of every successful sign-up, new email or not. */
export const signUpBody = (): string => JSON.stringify(SIGN_UP_REPLY);

/** Waits until the request has taken `minMs` in all (`elapsedMs`: how long it has taken so far). */
export async function holdUntil(elapsedMs: number, minMs: number): Promise<void> {
  // Timers count whole milliseconds from the event loop's cached clock, so a timer can fire up to a millisecond
  // before the time asked for: round up and add one, so no answer comes in under the floor (seen: 398.98 of 400).
  if (elapsedMs < minMs) await sleep(Math.ceil(minMs - elapsedMs) + 1);
}
