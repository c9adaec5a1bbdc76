import { defineEnv, envType as t } from './define';

/** Every environment variable the frontend server reads (read per request where it matters). */
export const frontendEnv = defineEnv({
  BACKEND_URL: {
    schema: t.url(),
    description: 'Backend base URL the /api proxy forwards to; read per request.',
    default: 'http://127.0.0.1:8080',
  },
  PORT: {
    schema: t.int(1, 65535),
    description: 'Port the frontend server listens on.',
    default: '3000',
    type: 'integer',
  },
  HOSTNAME: { schema: t.string(), description: 'Address the frontend server binds to.', default: '0.0.0.0' },
  PROXY_TIMEOUT_MS: {
    schema: t.int(1000, 600000),
    description: 'Timeout of a proxied request that has not started answering.',
    default: '60000',
    type: 'integer',
  },
  TRUST_PROXY_HOPS: {
    schema: t.int(0, 10),
    description:
      "Proxies in front of this server (1 behind an Ingress). 0: the client address, host and protocol are what this server sees, and anything a browser sends in X-Forwarded-* is replaced. N: the address is read N entries down X-Forwarded-For and the host and protocol are the nearest proxy's, so a browser cannot claim another.",
    default: '0',
    type: 'integer',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: t.int(0, 600000),
    description: 'How long a shutdown waits for in-flight requests (e.g. streaming chat turns).',
    default: '25000',
    type: 'integer',
  },
});
