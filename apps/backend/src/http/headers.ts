import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The headers helmet 8 sets with its defaults (what `@fastify/helmet` sent before), as one fixed table.
 * @fastify/helmet rebuilt helmet's middleware and re-parsed the CSP directives on every request (~5 % of the
 * CPU of a task create); the values never change, so they are written as they are. (Helmet also removes
 * X-Powered-By, which Fastify never sets.)
 */
export const SECURITY_HEADERS: readonly (readonly [name: string, value: string])[] = [
  [
    'Content-Security-Policy',
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
      "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
      "style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Sets SECURITY_HEADERS and `x-request-id` on every routed response (404s and errors included), in one
 * synchronous hook. They go on the raw response, as helmet did, so replies a library writes straight to the
 * socket (the MCP SDK) carry them too, and a route that sets its own value (Swagger UI's CSP) overrides them.
 */
export const responseHeadersPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of SECURITY_HEADERS) raw.setHeader(name, value);
    raw.setHeader('x-request-id', request.id);
    done();
  });
});
