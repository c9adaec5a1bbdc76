import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { neonConfig } from '@neondatabase/serverless';
import { WebSocketServer } from 'ws';

/**
 * A WebSocket → TCP proxy in the shape of Neon's (`/v1?address=host:port`), so the real Neon serverless
 * driver can talk to the local Postgres. Started once per test process.
 */
let started: Promise<number> | undefined;

export function startNeonProxy(): Promise<number> {
  started ??= new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (socket, req) => {
      const address = new URL(req.url ?? '', 'http://x').searchParams.get('address') ?? '';
      const [host, port] = address.split(':');
      const tcp = createConnection({ host, port: Number(port) });
      tcp.on('data', (d) => socket.send(d));
      tcp.on('close', () => socket.close());
      tcp.on('error', () => socket.close());
      socket.on('message', (d) => tcp.write(d as Buffer));
      socket.on('close', () => tcp.destroy());
      socket.on('error', () => tcp.destroy());
    });
    wss.on('listening', () => {
      const port = (wss.address() as AddressInfo).port;
      neonConfig.wsProxy = (h, p) => `127.0.0.1:${port}/v1?address=${h}:${p}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
      resolve(port);
    });
    // Let the test process exit while the proxy is idle.
    (wss as unknown as { _server?: { unref(): void } })._server?.unref();
  });
  return started;
}
