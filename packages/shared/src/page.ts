import * as z from 'zod';

/*
 * Keyset pagination, one shape for every list: `limit` + an opaque `cursor` in, `{items, next_cursor}` out
 * (`next_cursor` null on the last page). The server decodes and checks cursors; to a client they are tokens.
 */

/** Most characters a cursor may have (every cursor the server hands out is far shorter). */
export const CURSOR_MAX = 512;

/** A page size query parameter: an integer 1…`max`, `fallback` when absent. */
export const pageLimitSchema = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** An opaque cursor query parameter, as the server handed it out. */
export const cursorSchema = z.string().max(CURSOR_MAX);

/** One page of `item`s and the cursor of the next page. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });
