import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { readBody, send } from '../helpers/backend';
import { frontend, setEnv } from '../helpers/frontend';

// Security headers of everything the frontend itself serves (pages, assets, its health route), and the nonce Next
// puts on its scripts: Next reads it from the request's Content-Security-Policy header, which this server sets.

/** A frontend whose stand-in for Next reports the CSP request header it was handed. */
async function pages() {
  const fe = await frontend('http://127.0.0.1:1', {
    next: (req, res) => res.end(String(req.headers['content-security-policy'] ?? '')),
  });
  return async (path: string, headers: http.OutgoingHttpHeaders = {}) => {
    const res = await send(`${fe}${path}`, { headers });
    return { headers: res.headers, handedToNext: (await readBody(res)).body };
  };
}

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

describe('page security headers', () => {
  it('GIVEN any page, asset or the health route WHEN served THEN a nonce CSP that forbids framing, nosniff, a referrer policy and X-Frame-Options come with it', async () => {
    const get = await pages();
    for (const path of [
      '/',
      '/sign-in',
      '/sign-up',
      '/settings',
      '/_next/static/chunks/x.js',
      '/api/health',
    ]) {
      const { headers } = await get(path);
      const csp = String(headers['content-security-policy']);
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      // Workers only from the app's own origin: the reminder service worker, /sw.js.
      expect(csp, path).toContain("worker-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'self'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('GIVEN two page loads WHEN served THEN each has its own nonce and Next is handed exactly the policy the browser gets', async () => {
    const get = await pages();
    const [a, b] = [await get('/'), await get('/')];
    const csp = String(a.headers['content-security-policy']);
    expect(a.handedToNext).toBe(csp);
    expect(nonceOf(csp)).toBeDefined();
    expect(nonceOf(csp)).not.toBe(nonceOf(String(b.headers['content-security-policy'])));
  });

  it('GIVEN a client that sends its own Content-Security-Policy request headers WHEN a page is served THEN Next gets this server`s nonce, not the client`s', async () => {
    const get = await pages();
    const { headers, handedToNext } = await get('/', {
      'content-security-policy': "script-src 'nonce-chosenbyclient'",
      'content-security-policy-report-only': "script-src 'nonce-chosenbyclient'",
    });
    expect(handedToNext).not.toContain('chosenbyclient');
    expect(handedToNext).toBe(headers['content-security-policy']);
  });

  it('GIVEN plain http, or a client merely claiming https WHEN a page is served THEN there is no HSTS header', async () => {
    const get = await pages();
    expect((await get('/')).headers['strict-transport-security']).toBeUndefined();
    const claimed = await get('/', { 'x-forwarded-proto': 'https' });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    expect(String(claimed.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });

  it('GIVEN a trusted proxy that says the browser used https WHEN a page is served THEN HSTS is sent and insecure subresources are upgraded', async () => {
    setEnv('TRUST_PROXY_HOPS', '1');
    const get = await pages();
    const { headers } = await get('/', { 'x-forwarded-proto': 'https' });
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(String(headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('GIVEN the dev server WHEN a page is served THEN the CSP also allows what React`s debugging, the reload socket and the dev overlay need', async () => {
    const fe = await frontend('http://127.0.0.1:1', { dev: true });
    const csp = String((await send(`${fe}/`)).headers['content-security-policy']);
    expect(csp).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  });
});
