'use client';

import type { Conversation, ConversationList } from '@todo/shared';
import { useCallback, useState } from 'react';
import { useT } from '@/i18n/client';
import { api, ApiError, authGuard, panelError } from '@/lib/client/api';
import { useOnRecovered } from '@/lib/client/connection';
import { appendPage, conversationPath, conversationsPath, mergeFirstPage } from '@/lib/client/conversations';
import { useUndoWindow } from '@/lib/client/use-undo-window';

/**
 * The sidebar's conversations: first page refreshes, older pages on request, rename, and delete with undo: a
 * deleted conversation is hidden at once and deleted when the undo window closes. Leaving or reloading the page
 * inside the window deletes it then (as the toast said it was), like a task's delete.
 */
export function useConversations(base: string) {
  const [list, setList] = useState<ConversationList | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT('chat');

  // Refreshes the first page and keeps the older pages already shown (activity only moves conversations up).
  const refresh = useCallback(async () => {
    try {
      const first = await api<ConversationList>(conversationsPath(base));
      setList((current) => mergeFirstPage(current, first));
      setError(null);
    } catch (err) {
      authGuard(err);
      const message = panelError(err, t('listFailed'));
      setError(message);
      // During an outage the list stays as it was ("Loading…" at first), not "No conversations yet".
      if (message) setList((l) => l ?? { items: [], next_cursor: null });
    }
  }, [base, t]);

  // The list reloads by itself once the backend is back (its error, if any, goes with it).
  useOnRecovered(() => void refresh());

  /** Loads the next page; resolves with the id of its first conversation (for focus), if any. */
  async function showOlder(): Promise<string | undefined> {
    const cursor = list?.next_cursor;
    if (!cursor || loadingOlder) return undefined;
    setLoadingOlder(true);
    try {
      const older = await api<ConversationList>(conversationsPath(base, cursor));
      setList((current) => appendPage(current, older));
      setError(null);
      return older.items[0]?.id;
    } catch (err) {
      authGuard(err);
      setError(panelError(err, t('olderFailed')));
      return undefined;
    } finally {
      setLoadingOlder(false);
    }
  }

  /** Shows a conversation as the server now has it (renamed). */
  const replace = (c: Conversation) =>
    setList((l) => l && { ...l, items: l.items.map((x) => (x.id === c.id ? c : x)) });

  const commit = useCallback(
    async (c: Conversation, keepalive: boolean) => {
      setList((l) => l && { ...l, items: l.items.filter((x) => x.id !== c.id) });
      try {
        await api(conversationPath(base, c.id), { method: 'DELETE', keepalive });
      } catch (err) {
        authGuard(err);
        if (err instanceof ApiError && err.status === 404) return;
        setError(panelError(err, t('deleteFailed')));
        void refresh();
      }
    },
    [base, refresh, t],
  );
  // The conversation waiting out its undo window: hidden from the list (also from refreshes), not deleted yet.
  const {
    pending,
    start: remove,
    undo,
    hold,
  } = useUndoWindow<Conversation>((c, keepalive) => void commit(c, keepalive));

  const shown = pending && list ? { ...list, items: list.items.filter((x) => x.id !== pending.id) } : list;

  return {
    list: shown,
    loadingOlder,
    error,
    setError,
    refresh,
    showOlder,
    replace,
    remove,
    undo,
    hold,
    pending,
  };
}
