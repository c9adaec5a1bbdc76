import { afterEach, describe, expect, it } from 'vitest';
import { proxyHandler } from '../../lib/proxy-route';
import { startBackend } from '../helpers/backend';

const saved = { BACKEND_URL: process.env.BACKEND_URL, PROXY_TIMEOUT_MS: process.env.PROXY_TIMEOUT_MS };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('proxyHandler', () => {
  it('GIVEN BACKEND_URL is changed at runtime WHEN the next request arrives THEN it goes to the new backend', async () => {
    const a = await startBackend((_req, res) => res.end('from a'));
    const b = await startBackend((_req, res) => res.end('from b'));
    try {
      process.env.BACKEND_URL = a.url;
      expect(await (await proxyHandler(new Request('http://fe.test/api/x'))).text()).toBe('from a');
      process.env.BACKEND_URL = b.url;
      expect(await (await proxyHandler(new Request('http://fe.test/api/x'))).text()).toBe('from b');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('GIVEN a malformed BACKEND_URL WHEN a request arrives THEN it fails with an error naming the variable', async () => {
    process.env.BACKEND_URL = 'nope';
    const res = await proxyHandler(new Request('http://fe.test/api/x'));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('BACKEND_URL');
  });
});
