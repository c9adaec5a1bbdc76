import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A throwaway HTTP server on 127.0.0.1 standing in for the backend; `handle` decides each answer. */
export async function startBackend(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, received: Received[]) => unknown,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    void Promise.resolve(handle(req, res, received)).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Reads a whole request body, records the request, and returns it. */
export async function record(req: http.IncomingMessage, received: Received[]): Promise<Received> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const r = {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    body: Buffer.concat(chunks).toString(),
  };
  received.push(r);
  return r;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One request with exactly these headers (node:http lets a test set Host and hop-by-hop headers fetch forbids). */
export function send(
  url: string,
  init: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {},
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false });
    req.once('response', resolve);
    req.once('error', reject);
    req.end(init.body);
  });
}

/** Reads a response to the end. */
export async function readBody(res: http.IncomingMessage): Promise<{ status: number; body: string }> {
  let body = '';
  for await (const c of res) body += String(c);
  return { status: res.statusCode ?? 0, body };
}
