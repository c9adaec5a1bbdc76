import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { readBody, record, send } from '../helpers/backend';
import { backend, frontend, setEnv } from '../helpers/frontend';

// The backend builds the origin it trusts (CSRF check, cookie Secure flag) from X-Forwarded-Host/-Proto, and
// believes them from the frontend: so the frontend must only ever send values it can vouch for itself.

const forged = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  forwarded: 'host=evil.example;proto=https',
};

/** What the backend and the page handler saw of the forwarding headers for one request with `headers`. */
async function seenWith(headers: http.OutgoingHttpHeaders) {
  const b = await backend(async (req, res, received) => {
    await record(req, received);
    res.end('ok');
  });
  let page: http.IncomingHttpHeaders = {};
  const fe = await frontend(b.url, {
    next: (req, res) => {
      page = { ...req.headers };
      res.end('next');
    },
  });
  await send(`${fe}/api/x`, { headers }).then(readBody);
  await send(`${fe}/`, { headers }).then(readBody);
  const pick = (h: http.IncomingHttpHeaders) => ({
    host: h['x-forwarded-host'],
    proto: h['x-forwarded-proto'],
    forwarded: h.forwarded,
  });
  return { backend: pick(b.received[0]!.headers), page: pick(page), port: page['x-forwarded-port'] };
}

describe('forwarding headers the frontend vouches for', () => {
  it('GIVEN no trusted proxy in front WHEN a client sends its own X-Forwarded-Host/-Proto/Forwarded THEN the backend and the pages see the Host it used and plain http', async () => {
    const seen = await seenWith({ host: 'app.example.test:3000', ...forged });
    const own = { host: 'app.example.test:3000', proto: 'http', forwarded: undefined };
    expect(seen.backend).toEqual(own);
    expect(seen.page).toEqual(own);
    expect(seen.port).toBe('3000');
  });

  it('GIVEN one trusted proxy (an Ingress terminating TLS) WHEN it sets X-Forwarded-Host/-Proto THEN its values are used, and of a list only the entry it wrote (the last)', async () => {
    setEnv('TRUST_PROXY_HOPS', '1');
    const seen = await seenWith({
      host: 'frontend.svc:3000',
      'x-forwarded-host': 'claimed.example, todo.example.com',
      'x-forwarded-proto': 'http, https',
    });
    const viaIngress = { host: 'todo.example.com', proto: 'https', forwarded: undefined };
    expect(seen.backend).toEqual(viaIngress);
    expect(seen.page).toEqual(viaIngress);
    expect(seen.port).toBe('443');
  });

  it('GIVEN a trusted proxy that sent malformed or no values WHEN proxied THEN this server falls back to its own Host and protocol', async () => {
    setEnv('TRUST_PROXY_HOPS', '1');
    const bad = await seenWith({
      host: 'frontend.svc:3000',
      'x-forwarded-host': 'evil.example/path@x',
      'x-forwarded-proto': 'javascript',
    });
    expect(bad.backend).toEqual({ host: 'frontend.svc:3000', proto: 'http', forwarded: undefined });
    const none = await seenWith({ host: 'frontend.svc:3000' });
    expect(none.backend).toEqual({ host: 'frontend.svc:3000', proto: 'http', forwarded: undefined });
  });

  it('GIVEN a Host header that is not a host WHEN a page or an API path is requested THEN it is a 400 in the API error shape and nothing is proxied', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    const fe = await frontend(b.url);
    for (const path of ['/api/x', '/']) {
      const res = await send(`${fe}${path}`, { headers: { host: 'evil.example/x?' } });
      const { status, body } = await readBody(res);
      expect(status, path).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'validation_error' } });
    }
    expect(b.received).toHaveLength(0);
  });
});
