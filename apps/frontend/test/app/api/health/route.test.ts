import { describe, expect, it } from 'vitest';
import { GET } from '../../../../app/api/health/route';

describe('GET /api/health', () => {
  it('GIVEN no backend at all WHEN probed THEN the frontend still reports ok', async () => {
    const prev = process.env.BACKEND_URL;
    process.env.BACKEND_URL = 'http://127.0.0.1:1';
    try {
      const res = GET();
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    } finally {
      if (prev === undefined) delete process.env.BACKEND_URL;
      else process.env.BACKEND_URL = prev;
    }
  });
});
