import { z } from 'zod';

/** The `{user_id}` path segment; compared with the signed-in user before any handler runs. */
export const userIdParam = z.string().min(1).max(128);
