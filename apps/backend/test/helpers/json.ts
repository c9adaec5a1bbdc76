import { errorBodySchema, validationDetailsSchema, type ErrorBody, type ValidationIssue } from '@todo/shared';
import { expect } from 'vitest';
import type * as z from 'zod';

/** A response whose body is text: an inject() response, or a fetch() body read with `text()`. */
interface HasBody {
  readonly body: string;
}

/**
 * A response body parsed with the contract the app answers with (packages/shared, the same one the frontend parses
 * with), so no test passes on data a client could not read.
 */
export function json<S extends z.ZodType>(res: HasBody, schema: S): z.output<S> {
  return schema.parse(JSON.parse(res.body));
}

/** The `error` of an error body (every non-2xx answer), parsed with its contract. */
export function errorOf(res: HasBody): ErrorBody['error'] {
  return json(res, errorBodySchema).error;
}

/** The issues of a `validation_error` answer (which it must be), parsed with their contract. */
export function validationIssues(res: HasBody): ValidationIssue[] {
  const error = errorOf(res);
  expect(error.code).toBe('validation_error');
  return validationDetailsSchema.parse(error.details);
}

/*
 * vitest's asymmetric matchers typed as the values they stand in for. vitest types them `any` so they fit any
 * expected shape, and that `any` then flows unchecked into every object literal holding one.
 */
export const anyString = (): string => expect.any(String) as string;
export const anyNumber = (): number => expect.any(Number) as number;
export const anything = (): unknown => expect.anything() as unknown;
export const stringContaining = (text: string): string => expect.stringContaining(text) as string;
export const stringMatching = (pattern: string | RegExp): string => expect.stringMatching(pattern) as string;
export const objectContaining = <T extends object>(shape: T): T =>
  expect.objectContaining<T>(shape as never) as T;
