import { EnvError } from '@todo/shared/env';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env';

describe('readEnv', () => {
  it('GIVEN no variables WHEN read THEN the documented defaults apply', () => {
    expect(readEnv({})).toEqual({
      BACKEND_URL: 'http://127.0.0.1:8080',
      PORT: 3000,
      HOSTNAME: '0.0.0.0',
      PROXY_TIMEOUT_MS: 60000,
      TRUST_PROXY_HOPS: 0,
      SHUTDOWN_TIMEOUT_MS: 25000,
    });
  });

  it('GIVEN BACKEND_URL changes between calls WHEN read THEN each call sees the current value', () => {
    expect(readEnv({ BACKEND_URL: 'http://a:8080' }).BACKEND_URL).toBe('http://a:8080');
    expect(readEnv({ BACKEND_URL: 'http://b:8080' }).BACKEND_URL).toBe('http://b:8080');
  });

  it('GIVEN a malformed variable WHEN read THEN the error names it', () => {
    expect(() => readEnv({ PROXY_TIMEOUT_MS: 'soon' })).toThrow(EnvError);
    expect(() => readEnv({ BACKEND_URL: 'not a url' })).toThrow(/BACKEND_URL/);
  });
});
