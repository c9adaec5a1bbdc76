import type { Conversation, ConversationList } from '@todo/shared';

/** Conversations per sidebar page (the API's default and the page "Show older conversations" adds). */
export const CONVERSATION_PAGE_SIZE = 50;

/** Path of one page of the conversation list: the first, or the one after `cursor`. */
export function conversationsPath(base: string, cursor?: string | null): string {
  const p = new URLSearchParams({ limit: String(CONVERSATION_PAGE_SIZE) });
  if (cursor) p.set('cursor', cursor);
  return `${base}/conversations?${p.toString()}`;
}

/** Path of a conversation with its newest messages, or with the messages before the `before` cursor. */
export function conversationPath(base: string, id: string, before?: string | null): string {
  const path = `${base}/conversations/${encodeURIComponent(id)}`;
  return before ? `${path}?${new URLSearchParams({ before }).toString()}` : path;
}

/** The list with an older page appended (a conversation that moved meanwhile is not shown twice). */
export function appendPage(current: ConversationList | null, older: ConversationList): ConversationList {
  const seen = new Set(current?.items.map((c) => c.id));
  return {
    items: [...(current?.items ?? []), ...older.items.filter((c) => !seen.has(c.id))],
    next_cursor: older.next_cursor,
  };
}

const same = (a: Conversation, b: Conversation) => a.id === b.id && a.updated_at === b.updated_at;

/**
 * A freshly loaded first page, keeping the older pages already shown. Activity only moves a conversation to the
 * top, so when the fresh page's last conversation is still where the list had it, everything after it in the
 * list is still in order and the list's cursor still points after its end. Otherwise (the fresh page reaches
 * past what was loaded, or more than a page changed) the fresh page alone is the truth.
 */
export function mergeFirstPage(current: ConversationList | null, first: ConversationList): ConversationList {
  const last = first.items.at(-1);
  if (!current || !last || first.next_cursor === null) return first;
  const anchor = current.items.findIndex((c) => same(c, last));
  if (anchor < 0) return first;
  const seen = new Set(first.items.map((c) => c.id));
  return {
    items: [...first.items, ...current.items.slice(anchor + 1).filter((c) => !seen.has(c.id))],
    next_cursor: current.next_cursor,
  };
}
