import { request } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { inflightPlugin, inflightTracker } from '../../src/http/inflight';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inflightTracker', () => {
  it('GIVEN running work WHEN waiting for idle THEN it resolves only once the work settles (even a failure)', async () => {
    const tracker = inflightTracker();
    let settled = false;
    const work = tracker.track(sleep(100).then(() => Promise.reject(new Error('boom'))));
    work.catch(() => (settled = true));
    expect(tracker.count).toBe(1);
    expect(await tracker.idle(2_000)).toBe(true);
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(tracker.count).toBe(0);
  });

  it('GIVEN work that does not finish WHEN waiting with a bound THEN idle answers false after the bound', async () => {
    const tracker = inflightTracker();
    void tracker.track(new Promise(() => {}));
    const t0 = Date.now();
    expect(await tracker.idle(150)).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('inflightPlugin', () => {
  it('GIVEN a handler whose client disconnected WHEN the server closes THEN close() returns first, and inflight.idle() waits for the handler to finish', async () => {
    const app = Fastify();
    await app.register(inflightPlugin);
    let finished = false;
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => (started = r));
    app.get('/slow', async () => {
      started();
      await sleep(400);
      finished = true;
      return { ok: true };
    });
    app.get('/sync', (_req, reply) => void reply.send({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    expect((await fetch(`http://127.0.0.1:${port}/sync`)).status).toBe(200);

    // The client goes away mid-request: its connection closes while the handler keeps running.
    const req = request({ host: '127.0.0.1', port, path: '/slow' });
    req.on('error', () => {});
    req.end();
    await handlerStarted;
    req.destroy();
    await app.close();
    expect(app.inflight.count).toBe(1);
    expect(finished).toBe(false);
    expect(await app.inflight.idle(5_000)).toBe(true);
    expect(finished).toBe(true);
  });
});
