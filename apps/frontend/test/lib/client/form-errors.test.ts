import { authErrorDetailsSchema, validationDetailsSchema } from '@todo/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/client/api';
import { fieldErrors } from '../../../lib/client/form-errors';
import { catalogErrorWords } from '../../helpers/i18n';

// Details go through the shared schemas the backend builds them with: dotted paths from request validation,
// `{reason}` from Better Auth (see apps/backend/src/http/errors.ts and auth/plugin.ts).
describe('fieldErrors', () => {
  it('GIVEN request validation issues with dotted paths WHEN read THEN the first message per field is returned', () => {
    const details = validationDetailsSchema.parse([
      { path: 'body.password', message: 'too short' },
      { path: 'body.password', message: 'second' },
      { path: 'body.email', message: 'invalid email' },
    ]);
    const e = new ApiError(400, 'validation_error', 'body.password: too short', details);
    expect(fieldErrors(e)).toEqual({ password: 'too short', email: 'invalid email' });
  });

  it.each([
    ['password_too_short', 'Password too short', { password: 'Password too short' }],
    ['user_already_exists', 'User already exists', { email: 'User already exists' }],
    ['invalid_email', 'Invalid email', { email: 'Invalid email' }],
    ['invalid_email_or_password', 'Invalid email or password', { password: 'Invalid email or password' }],
    ['too_many_requests', 'Slow down', {}],
  ])(
    'GIVEN Better Auth refused with reason %s WHEN read THEN its message goes under the field it is about',
    (reason, message, expected) => {
      const e = new ApiError(422, 'validation_error', message, authErrorDetailsSchema.parse({ reason }));
      expect(fieldErrors(e)).toEqual(expected);
    },
  );

  it('GIVEN an error that is not an API error, or details of no known shape WHEN read THEN there are no field errors', () => {
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(new ApiError(400, 'validation_error', 'bad', { weird: true }))).toEqual({});
  });

  it('GIVEN validation issues and a Better Auth reason WHEN read in Urdu THEN every field’s message is in Urdu', () => {
    const details = validationDetailsSchema.parse([
      { path: 'body.title', message: 'title must not be empty' },
      { path: 'body.tags.2', message: 'each tag must be at most 32 characters' },
    ]);
    const e = new ApiError(400, 'validation_error', 'body.title: title must not be empty', details);
    expect(fieldErrors(e, catalogErrorWords('ur'))).toEqual({
      title: 'عنوان خالی یا بہت لمبا نہیں ہو سکتا۔',
      tags: 'کم ٹیگ استعمال کریں، ہر ٹیگ مختصر ہو اور خالی نہ ہو۔',
    });
    expect(fieldErrors(e, catalogErrorWords('en')).title).toBe('The title must not be empty or too long.');
  });
});
