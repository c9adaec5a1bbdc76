import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '@todo/shared';
import { errorText, toApiError } from '../../../lib/client/error-text';
import { catalogErrorWords } from '../../helpers/i18n';

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

// One rule for every API error (errorText): a Better Auth reason, else a code, that the catalog knows is worded
// by the catalog in the UI's language; anything else keeps the server's message.
describe('API errors in the UI language', () => {
  const en = catalogErrorWords('en');
  const ur = catalogErrorWords('ur');
  const urdu = /[\u0600-\u06ff]/;

  it.each(Object.keys(ERROR_CODES))(
    'GIVEN the error code %s WHEN shown in English and Urdu THEN the catalog words it in each',
    (code) => {
      const body = { error: { code, message: 'server words', details: { limit: 3 } } };
      const english = toApiError(ERROR_CODES[code as ErrorCode], body, 'x', en).message;
      const urduText = toApiError(ERROR_CODES[code as ErrorCode], body, 'x', ur).message;
      expect(english).not.toBe('server words');
      expect(english).not.toMatch(urdu);
      expect(urduText).toMatch(urdu);
      expect(urduText).not.toMatch(/\bserver words\b|NaN|undefined/);
    },
  );

  it('GIVEN a quota error with its limit WHEN shown THEN the limit is in the words of both languages', () => {
    const body = { error: { code: 'task_quota_exceeded', message: 'limit of 500', details: { limit: 500 } } };
    expect(toApiError(409, body, 'x', en).message).toBe(
      'You have reached the limit of 500 tasks. Delete some to add more.',
    );
    expect(toApiError(409, body, 'x', ur).message).toBe(
      'آپ 500 کاموں کی حد تک پہنچ چکے ہیں۔ مزید شامل کرنے کے لیے کچھ کام حذف کریں۔',
    );
  });

  it('GIVEN a Better Auth reason WHEN shown THEN the reason’s words win over the code’s', () => {
    const body = {
      error: {
        code: 'unauthorized',
        message: 'Invalid email or password',
        details: { reason: 'invalid_email_or_password' },
      },
    };
    expect(toApiError(401, body, 'x', en).message).toBe('The email or password is not right.');
    expect(toApiError(401, body, 'x', ur).message).toBe('ای میل یا پاس ورڈ درست نہیں۔');
  });

  it('GIVEN a reason the catalog does not know WHEN shown THEN its code is worded', () => {
    const body = { error: { code: 'rate_limited', message: 'Slow down', details: { reason: 'brand_new' } } };
    expect(toApiError(429, body, 'x', ur).message).toBe(errorText('rate_limited', undefined, '', '', ur));
  });

  it('GIVEN a validation error WHEN shown THEN the first field it names is worded, any other as a whole', () => {
    const details = [{ path: 'body.title', message: 'title must not be empty' }];
    const body = {
      error: { code: 'validation_error', message: 'body.title: title must not be empty', details },
    };
    expect(toApiError(400, body, 'x', en).message).toBe('The title must not be empty or too long.');
    expect(toApiError(400, body, 'x', ur).message).toBe('عنوان خالی یا بہت لمبا نہیں ہو سکتا۔');
    const other = {
      error: { code: 'validation_error', message: 'm', details: [{ path: 'query.zzz', message: 'bad' }] },
    };
    expect(toApiError(400, other, 'x', en).message).toMatch(/^Some of what you entered is not valid/);
  });

  it('GIVEN a code the catalog does not know WHEN shown THEN the server’s message is kept, else the fallback', () => {
    const body = { error: { code: 'teapot', message: 'I am a teapot' } };
    expect(toApiError(418, body, 'x', ur).message).toBe('I am a teapot');
    expect(toApiError(418, { error: { code: 'constructor' } }, 'Request failed (418)', ur).message).toBe(
      'Request failed (418)',
    );
  });

  it.each(['stream_interrupted', 'bad_response'])(
    'GIVEN the client’s own code %s WHEN shown THEN the catalog words it in English and in Urdu',
    (code) => {
      expect(errorText(code, undefined, undefined, code, en)).toMatch(/^The (reply|assistant) /);
      expect(errorText(code, undefined, undefined, code, ur)).toMatch(urdu);
    },
  );
});
