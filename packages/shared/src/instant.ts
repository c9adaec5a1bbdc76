import * as z from 'zod';

/** ISO 8601 timestamp with a time zone offset, e.g. 2026-11-22T09:00:00Z. */
export const dueAtSchema = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time such as 2026-11-22T09:00:00Z',
});
