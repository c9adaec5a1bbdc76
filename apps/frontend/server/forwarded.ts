import type http from 'node:http';

/** The origin a browser used to reach the app, as far as this server can vouch for it. */
export interface BrowserOrigin {
  /** host[:port] */
  readonly host: string;
  readonly proto: 'http' | 'https';
}

// A DNS name or IPv4 address, or a bracketed IPv6 literal, with an optional port: anything else (paths, userinfo,
// spaces, several hosts) is not a Host value and must not become part of an origin the backend trusts.
const HOST = /^(?:[\w-]+(?:\.[\w-]+)*\.?|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

export const isValidHost = (value: string): boolean => value.length <= 260 && HOST.test(value);

/**
 * The value the nearest proxy wrote: the last entry of a comma-separated header. Entries further left came from
 * farther away (possibly from the client itself), so they are never taken.
 */
function nearestEntry(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const last = (Array.isArray(value) ? value.join(',') : value).split(',').pop()?.trim();
  return last || undefined;
}

const ownProto = (req: http.IncomingMessage): BrowserOrigin['proto'] =>
  'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';

/**
 * Host and protocol of the browser-facing origin. With no trusted proxy in front (`trustedHops` 0) they are this
 * server's own knowledge: the Host it was reached at and whether its socket is TLS; a client's X-Forwarded-Host or
 * -Proto is only a claim and is ignored. Behind trusted hops (an Ingress terminating TLS), the nearest proxy's
 * values win, each falling back to this server's own when missing or malformed.
 * Returns undefined when the request's own Host is missing or malformed.
 */
export function browserOrigin(req: http.IncomingMessage, trustedHops: number): BrowserOrigin | undefined {
  const host = req.headers.host;
  if (host === undefined || !isValidHost(host)) return undefined;
  const origin: BrowserOrigin = { host, proto: ownProto(req) };
  if (trustedHops === 0) return origin;
  const fwdHost = nearestEntry(req.headers['x-forwarded-host']);
  const fwdProto = nearestEntry(req.headers['x-forwarded-proto'])?.toLowerCase();
  return {
    host: fwdHost !== undefined && isValidHost(fwdHost) ? fwdHost : origin.host,
    proto: fwdProto === 'https' || fwdProto === 'http' ? fwdProto : origin.proto,
  };
}
