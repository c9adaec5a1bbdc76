import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './helpers/stack';

// The backend limits sign-in attempts per client address and takes that address from X-Forwarded-For, which the
// frontend sets. Through the real pair of servers: a client cannot get fresh attempts by making up the header.

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ backendEnv: { AUTH_RATE_LIMIT_MAX: '3' } });
});

afterAll(async () => {
  await stack?.close();
});

const signIn = (forwardedFor: string) =>
  fetch(`${stack.frontendUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: stack.frontendUrl,
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-1' }),
  });

describe('client address through the frontend', () => {
  it('GIVEN a sign-in limit of 3 per address WHEN a client claims a new X-Forwarded-For on every attempt THEN the 4th attempt is still refused with 429', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await signIn(`203.0.113.${i}`)).status);
    expect(statuses.slice(0, 3).every((s) => s === 401)).toBe(true);
    expect(statuses[3]).toBe(429);
    const body = (await (await signIn('198.51.100.9')).json()) as { error: { code: string } };
    expect(body.error.code).toBe('rate_limited');
  });
});
