import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/client/api';
import {
  connectionState,
  isConnectionError,
  onRecovered,
  reportFailure,
  reportUp,
  subscribe,
} from '../../../lib/client/connection';

describe('isConnectionError', () => {
  it.each([
    [new ApiError(0, 'network_error', 'x'), true],
    [new ApiError(502, 'backend_unavailable', 'x'), true],
    [new ApiError(503, 'http_503', 'x'), true],
    // The backend answered: its own errors, the chat's model errors included, are not an outage.
    [new ApiError(502, 'llm_unavailable', 'x'), false],
    [new ApiError(504, 'llm_timeout', 'x'), false],
    [new ApiError(500, 'internal_error', 'x'), false],
    [new ApiError(404, 'not_found', 'x'), false],
    [new Error('boom'), false],
  ])('GIVEN %o THEN %s', (err, expected) => {
    expect(isConnectionError(err)).toBe(expected);
  });
});

describe('connection state', () => {
  const probes: number[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    probes.length = 0;
    // The probe goes through the proxy like every call; here the backend stays down until told otherwise.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        probes.push(Date.now());
        return new Response('{"error":{"code":"backend_unavailable"}}', { status: 502 });
      }),
    );
  });
  afterEach(() => {
    reportUp();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('GIVEN three panels failing at once WHEN the backend is down THEN the state changes once and probes back off', async () => {
    const changes = vi.fn();
    const stop = subscribe(changes);
    const down = new ApiError(502, 'backend_unavailable', 'x');
    reportFailure(down);
    reportFailure(down);
    reportFailure(new ApiError(0, 'network_error', 'x'));
    expect(connectionState().down).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);

    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 15_000 + 15_000);
    expect(probes.map((t) => t - start)).toEqual([1000, 3000, 7000, 15_000, 30_000, 45_000]);
    stop();
  });

  it('GIVEN an outage WHEN the backend answers (a probe or any call) THEN it is up and recovery listeners run once', async () => {
    const recovered = vi.fn();
    const stop = onRecovered(recovered);
    reportFailure(new ApiError(0, 'network_error', 'x'));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"ok":true}', { status: 200 })),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(connectionState()).toEqual({ down: false, retryAt: null });
    expect(recovered).toHaveBeenCalledTimes(1);
    reportUp(); // more answers change nothing
    expect(recovered).toHaveBeenCalledTimes(1);
    stop();
  });
});
