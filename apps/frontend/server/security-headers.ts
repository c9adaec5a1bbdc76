import { randomBytes } from 'node:crypto';
import type http from 'node:http';

export interface PageSecurityOptions {
  /** The browser reached the app over https (directly or through a trusted proxy). */
  readonly https: boolean;
  /** `next dev`: React's debugging needs eval, the reload socket ws:, the dev overlay inline styles. */
  readonly dev: boolean;
}

/**
 * The Content-Security-Policy of one page response. Scripts run only with this response's nonce ('strict-dynamic'
 * extends that trust to the chunks Next's nonce'd scripts load), so markup injected into a page cannot run code;
 * nothing may frame the app (clickjacking), and forms, <base> and connections stay on this origin.
 */
export function contentSecurityPolicy(nonce: string, { https, dev }: PageSecurityOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // The dev overlay injects its own styles without the nonce; production stays nonce-only.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    // The service worker (public/sw.js) that carries the reminder notifications' buttons; no other worker.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * Gives the response the browser-side protections and hands Next the nonce. Next reads the nonce for its own
 * <script> tags from the *request's* Content-Security-Policy header, so that header is always replaced: a client
 * cannot choose the nonce. Every request gets a fresh nonce; pages are rendered per request anyway.
 */
export function applyPageSecurity(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: PageSecurityOptions,
): void {
  const csp = contentSecurityPolicy(randomBytes(16).toString('base64'), options);
  req.headers['content-security-policy'] = csp;
  delete req.headers['content-security-policy-report-only'];
  res.setHeader('content-security-policy', csp);
  // For browsers that predate frame-ancestors.
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  // Page URLs stay on this origin; other sites learn nothing from links users follow out of chat replies.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  // Over plain http an HSTS header is ignored at best, and would pin a local/dev host to https at worst.
  if (options.https) res.setHeader('strict-transport-security', 'max-age=31536000');
}
