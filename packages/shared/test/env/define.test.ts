import { describe, expect, it } from 'vitest';
import {
  EnvError,
  backendEnv,
  defineEnv,
  envType as t,
  frontendEnv,
  parseEnv,
  type EnvSpec,
} from '../../src/env';

describe('parseEnv', () => {
  const spec = defineEnv({
    PORT: { schema: t.int(1, 65535), description: 'port', default: '8080' },
    FLAG: { schema: t.bool(), description: 'flag', default: 'false' },
    TOKEN: { schema: t.string().min(4), description: 'token', secret: true, required: true },
    URL: { schema: t.url(), description: 'url' },
  });

  it('GIVEN an empty environment WHEN a required variable is missing THEN the error names it', () => {
    expect(() => parseEnv(spec, {})).toThrowError(/Missing required environment variable TOKEN/);
  });

  it('GIVEN defaults WHEN variables are unset or empty THEN defaults are parsed to typed values', () => {
    const env = parseEnv(spec, { TOKEN: 'abcd', PORT: '' });
    expect(env).toEqual({ PORT: 8080, FLAG: false, TOKEN: 'abcd', URL: undefined });
  });

  it('GIVEN a non-numeric port THEN the error is one line naming the variable and the value', () => {
    try {
      parseEnv(spec, { TOKEN: 'abcd', PORT: 'eighty' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).variable).toBe('PORT');
      expect((e as Error).message).toBe(
        'Invalid environment variable PORT: expected an integer (got "eighty")',
      );
    }
  });

  it('GIVEN a bad secret THEN the message does not echo its value', () => {
    expect(() => parseEnv(spec, { TOKEN: 'ab' })).toThrowError(/^Invalid environment variable TOKEN: [^"]*$/);
  });

  it('GIVEN out-of-range and bad-enum values THEN each is rejected', () => {
    expect(() => parseEnv(spec, { TOKEN: 'abcd', PORT: '70000' })).toThrowError(/PORT: expected ≤ 65535/);
    expect(() => parseEnv(spec, { TOKEN: 'abcd', FLAG: 'maybe' })).toThrowError(
      /FLAG: expected true or false/,
    );
    expect(() => parseEnv(spec, { TOKEN: 'abcd', URL: 'not a url' })).toThrowError(
      /URL: expected an absolute URL/,
    );
  });
});

describe('app env contracts', () => {
  it('GIVEN no environment THEN both apps parse to working defaults', () => {
    const be = parseEnv(backendEnv, {});
    expect(be.PORT).toBe(8080);
    expect(be.DATABASE_URL).toBeUndefined();
    expect(be.MIGRATE_ON_START).toBe(true);
    expect(parseEnv(frontendEnv, {}).BACKEND_URL).toBe('http://127.0.0.1:8080');
  });

  it('marks credentials as secret and nothing secret has a default', () => {
    const secrets = Object.entries(backendEnv)
      .filter(([, v]) => 'secret' in v && v.secret)
      .map(([k]) => k);
    expect(secrets.sort()).toEqual([
      'BETTER_AUTH_SECRET',
      'DATABASE_URL',
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
    ]);
    for (const k of secrets) expect(backendEnv[k as keyof typeof backendEnv]).not.toHaveProperty('default');
  });

  it('every default value parses with its own schema', () => {
    const specs: EnvSpec[] = [backendEnv, frontendEnv];
    for (const spec of specs) {
      for (const [name, v] of Object.entries(spec)) {
        if (v.default !== undefined) expect(v.schema.safeParse(v.default).success, name).toBe(true);
      }
    }
  });
});
