import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as LiveModule from '../../../lib/client/live';
import type { LiveEvent } from '../../../lib/client/live';
import type * as StreamModule from '../../../lib/client/live-stream';

// The tab's event stream against a stand-in EventSource: what it emits, and how it reconnects when the browser's
// own retries give up (a 502 from the proxy during an outage).

class FakeEventSource {
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly handlers = new Map<string, (e: { data: string; lastEventId: string }) => void>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, fn: (e: { data: string; lastEventId: string }) => void) {
    this.handlers.set(type, fn);
  }
  close() {
    this.closed = true;
  }
  send(type: string, data: unknown, id = '') {
    this.handlers.get(type)?.({ data: JSON.stringify(data), lastEventId: id });
  }
}

const task = { id: 7, title: 'buy milk', updated_at: '2026-11-27T10:00:00.000Z' };

// Imported afresh for each test (module state is the point), after the stand-in is in place.
let subscribeLive: typeof StreamModule.subscribeLive;
let live: typeof LiveModule.live;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.resetModules();
  FakeEventSource.made = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  ({ subscribeLive } = await import('../../../lib/client/live-stream'));
  ({ live } = await import('../../../lib/client/live'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('live stream', () => {
  it('GIVEN two listeners WHEN subscribed THEN one stream opens; its first open asks for a reload, events reach both', () => {
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const stopA = subscribeLive('u 1', (e) => a.push(e));
    const stopB = subscribeLive('u 1', (e) => b.push(e));
    expect(FakeEventSource.made.map((s) => s.url)).toEqual(['/api/u%201/events']);
    const es = FakeEventSource.made[0]!;
    es.onopen!();
    expect(live.connected).toBe(true);
    es.send('task.created', { id: 41, type: 'task.created', task }, '41');
    es.send('reminder', { id: 42, type: 'reminder', reminder: { id: 1 }, task }, '42');
    es.send('reset', {});
    expect(a.map((e) => e.kind)).toEqual(['reset', 'task', 'reminder', 'reset']);
    expect(b).toEqual(a);
    stopA();
    stopB();
    vi.advanceTimersByTime(1500);
    expect(es.closed).toBe(true);
  });

  it('GIVEN a stream the browser gave up on WHEN the pause is over THEN a new one resumes from the last id, without a reload', () => {
    const seen: LiveEvent[] = [];
    subscribeLive('u1', (e) => seen.push(e));
    const first = FakeEventSource.made[0]!;
    first.onopen!();
    first.send('task.updated', { id: 9, type: 'task.updated', task }, '9');
    first.readyState = FakeEventSource.CLOSED;
    first.onerror!();
    expect(live.connected).toBe(false);
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeEventSource.made[1]!;
    expect(second.url).toBe('/api/u1/events?since=9');
    second.onopen!();
    expect(seen.map((e) => e.kind)).toEqual(['reset', 'task']);
  });

  it('GIVEN a strict-mode style unmount and remount WHEN quick THEN the same stream stays open', () => {
    const stop = subscribeLive('u1', () => {});
    stop();
    subscribeLive('u1', () => {});
    vi.advanceTimersByTime(5000);
    expect(FakeEventSource.made).toHaveLength(1);
    expect(FakeEventSource.made[0]!.closed).toBe(false);
  });
});
