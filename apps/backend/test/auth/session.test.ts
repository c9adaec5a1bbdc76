import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCookie, SessionCache, sessionCredential } from '../../src/auth/session';

const secret = 'unit-test-secret-unit-test-secret-0123456';
const cookieName = 'better-auth.session_token';
const settings = { secret, cookieName };
const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
// Better Auth's signature: standard padded base64 of HMAC-SHA256(secret, token).
const sig = (value: string, key = secret) => createHmac('sha256', key).update(value).digest('base64');
const signed = `${token}.${sig(token)}`;

describe('sessionCredential', () => {
  it('GIVEN a plain bearer token WHEN read THEN it is the session token as is (the bearer plugin signs it itself)', () => {
    expect(sessionCredential({ authorization: `Bearer ${token}` }, settings)).toEqual({
      kind: 'token',
      token,
    });
    expect(sessionCredential({ authorization: `bearer  ${token} ` }, settings)).toEqual({
      kind: 'token',
      token,
    });
  });

  it('GIVEN a signed bearer token, raw or url-encoded WHEN the signature matches THEN the token; otherwise Better Auth decides', () => {
    expect(sessionCredential({ authorization: `Bearer ${signed}` }, settings)).toEqual({
      kind: 'token',
      token,
    });
    expect(sessionCredential({ authorization: `Bearer ${encodeURIComponent(signed)}` }, settings)).toEqual({
      kind: 'token',
      token,
    });
    const forged = `${token}.${sig(token, 'another-secret-another-secret-another')}`;
    expect(sessionCredential({ authorization: `Bearer ${forged}` }, settings)).toEqual({ kind: 'defer' });
    expect(sessionCredential({ authorization: 'Bearer a.b.c' }, settings)).toEqual({ kind: 'defer' });
    expect(sessionCredential({ authorization: 'Bearer to%ken' }, settings)).toEqual({ kind: 'defer' });
  });

  it('GIVEN a session cookie WHEN its signature matches THEN the token; a tampered one is deferred; none is none', () => {
    const cookie = `theme=dark; ${cookieName}=${encodeURIComponent(signed)}; other=1`;
    expect(sessionCredential({ cookie }, settings)).toEqual({ kind: 'token', token });
    const tampered = `${cookieName}=${encodeURIComponent(`X${signed.slice(1)}`)}`;
    expect(sessionCredential({ cookie: tampered }, settings)).toEqual({ kind: 'defer' });
    expect(sessionCredential({ cookie: 'theme=dark' }, settings)).toEqual({ kind: 'none' });
    expect(sessionCredential({}, settings)).toEqual({ kind: 'none' });
    // An empty bearer is ignored by Better Auth, which then reads the cookie.
    expect(sessionCredential({ authorization: 'Bearer ', cookie }, settings)).toEqual({
      kind: 'token',
      token,
    });
  });

  it('GIVEN a cookie header WHEN a name repeats or is quoted THEN the first value wins, unquoted and decoded (like better-call)', () => {
    expect(readCookie('a=1; a=2', 'a')).toBe('1');
    expect(readCookie('a="x%3Dy"', 'a')).toBe('x=y');
    expect(readCookie('b=1;a =  2 ', 'a')).toBe('2');
    expect(readCookie('ab=1', 'a')).toBeUndefined();
  });
});

describe('SessionCache', () => {
  const user = { id: 'u1', email: 'u1@example.test', name: 'U' };

  it('GIVEN a cached user WHEN the TTL or the session expiry passes THEN it is gone', () => {
    let now = 1_000;
    const cache = new SessionCache({ ttlMs: 5_000, maxEntries: 10, now: () => now });
    cache.set('k', user, 100_000, cache.generation);
    expect(cache.get('k')).toEqual(user);
    now = 6_000;
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', user, 7_000, cache.generation);
    now = 7_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('GIVEN a lookup that started before an invalidation WHEN it stores its result THEN nothing is cached', () => {
    const cache = new SessionCache({ ttlMs: 5_000, maxEntries: 10 });
    const generation = cache.generation;
    cache.invalidate();
    cache.set('k', user, Date.now() + 60_000, generation);
    expect(cache.get('k')).toBeUndefined();
  });

  it('GIVEN a full cache WHEN another entry is stored THEN the oldest is evicted and the size stays bounded', () => {
    const cache = new SessionCache({ ttlMs: 5_000, maxEntries: 2 });
    const until = Date.now() + 60_000;
    for (const k of ['a', 'b', 'c']) cache.set(k, user, until, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toEqual(user);
  });
});
