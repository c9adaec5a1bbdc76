import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../lib/client/api';

describe('toApiError', () => {
  it('GIVEN the API error envelope WHEN converted THEN code, message and details are kept', () => {
    const e = toApiError(
      400,
      { error: { code: 'validation_error', message: 'title must not be empty', details: [] } },
      'x',
    );
    expect([e.status, e.code, e.message]).toEqual([400, 'validation_error', 'title must not be empty']);
  });

  it('GIVEN a Better Auth style body WHEN converted THEN its message is shown', () => {
    const e = toApiError(
      401,
      { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' },
      'x',
    );
    expect(e.message).toBe('Invalid email or password');
  });

  it('GIVEN a body that is not JSON WHEN converted THEN the fallback message is used', () => {
    expect(toApiError(502, null, 'Request failed (502)').message).toBe('Request failed (502)');
  });
});
