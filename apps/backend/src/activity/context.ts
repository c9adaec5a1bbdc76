import { randomUUID } from 'node:crypto';
import type { Surface } from '@todo/shared';

/**
 * Who made a change and as part of what. Every task write takes one; its statement logs the change with it.
 * In statements these are always parameters $1…$4, in this order (see contextParams).
 */
export interface ChangeContext {
  readonly userId: string;
  readonly surface: Surface;
  /** One REST request, one MCP tool call, one chat turn, one bulk change: undone together. */
  readonly groupId: string;
  /** Chat only. */
  readonly conversationId?: string;
  /** The clock of the change (a chat turn's pinned time); where a repeating task goes next is counted from it. */
  readonly now?: Date;
}

export const contextParams = (ctx: ChangeContext): unknown[] => [
  ctx.userId,
  ctx.groupId,
  ctx.surface,
  ctx.conversationId ?? null,
];

/** One REST request: its own change group on the api surface. */
export const apiChange = (userId: string): ChangeContext => ({
  userId,
  surface: 'api',
  groupId: randomUUID(),
});
