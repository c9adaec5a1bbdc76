'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import { announce } from '@/lib/client/announce';
import { ApiError, authGuard, panelError } from '@/lib/client/api';
import { loadConversation, streamChat, type ChatMessage, type ToolActivity } from '@/lib/client/chat';
import { isConnectionError, useOnRecovered } from '@/lib/client/connection';
import { conversationPath } from '@/lib/client/conversations';
import { newTurnId } from '@/lib/client/turn-id';
import { useTimeZone } from '@/lib/client/user-settings';

let seq = 0;
const nextKey = () => `m${++seq}`;

/** Where the open conversation is remembered per user, so a reload or the next sign-in reopens it. */
const lastKey = (userId: string) => `todo.lastConversation.${userId}`;

function rememberConversation(userId: string, id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('c', id);
  else url.searchParams.delete('c');
  window.history.replaceState(null, '', url);
  try {
    if (id) localStorage.setItem(lastKey(userId), id);
    else localStorage.removeItem(lastKey(userId));
  } catch {
    // Storage can be unavailable (private mode, quota): the URL still carries the conversation.
  }
}

function lastConversation(userId: string): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('c');
  if (fromUrl) return fromUrl;
  try {
    return localStorage.getItem(lastKey(userId));
  } catch {
    return null;
  }
}

/** How "Show earlier messages" went, so the log can keep its scroll position and focus. */
export type EarlierOutcome = 'more' | 'all' | 'failed';

interface Options {
  userId: string;
  base: string;
  /** A turn changed tasks: the task list reloads. */
  onTasksChanged: () => void;
  /** A turn ended (the conversation moved to the top of the list, or was created). */
  onTurnEnd: () => void;
  /** Opening a conversation failed for a reason other than "it is gone". */
  onOpenError: (message: string) => void;
}

/** The open conversation: loading it (and earlier pages), sending turns, stop, retry, new chat. */
export function useChat({ userId, base, onTasksChanged, onTurnEnd, onOpenError }: Options) {
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Title of the conversation opened from the server (it may be on a sidebar page not loaded yet). */
  const [openedTitle, setOpenedTitle] = useState('');
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loadingConversation, setLoadingConversation] = useState(false);
  /** Cursor of the messages before the first one shown (null: the conversation starts with it). */
  const [earlierCursor, setEarlierCursor] = useState<string | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** Bumped when the log should jump to its end (a turn sent, a conversation opened). */
  const [follow, setFollow] = useState(0);
  const activeRef = useRef<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  /** A conversation asked for while the backend was down: it opens when the backend is back. */
  const pendingOpenRef = useRef<string | null>(null);
  const t = useT('chat');
  // The zone the task list shows dates in (the saved one, else this device's): "at 9am" means 9 am there too.
  const zone = useTimeZone();

  const activate = (id: string | null) => {
    activeRef.current = id;
    setActiveId(id);
    setOpenedTitle('');
    rememberConversation(userId, id);
  };

  const open = useCallback(
    async (id: string) => {
      abortRef.current?.abort();
      const previous = activeRef.current;
      pendingOpenRef.current = null;
      activeRef.current = id;
      setActiveId(id);
      setLoadingConversation(true);
      setEarlierCursor(null);
      setEarlierError(null);
      try {
        const conv = await loadConversation(conversationPath(base, id));
        if (activeRef.current !== id) return;
        setMessages(conv.messages);
        setOpenedTitle(conv.title);
        setEarlierCursor(conv.messagesBefore);
        rememberConversation(userId, id);
        setFollow((f) => f + 1);
      } catch (err) {
        authGuard(err);
        if (activeRef.current !== id) return;
        if (isConnectionError(err)) {
          // An outage: what is shown stays (with any failed message and its Retry), and the conversation asked
          // for opens once the backend is back. The banner says what happened.
          pendingOpenRef.current = id;
          activeRef.current = previous;
          setActiveId(previous);
          return;
        }
        activeRef.current = null;
        setActiveId(null);
        setOpenedTitle('');
        rememberConversation(userId, null);
        setMessages([]);
        if (!(err instanceof ApiError && err.status === 404)) {
          onOpenError(err instanceof ApiError ? err.message : t('openFailed'));
        }
      } finally {
        setLoadingConversation(false);
      }
    },
    [base, userId, onOpenError, t],
  );

  useEffect(() => {
    const last = lastConversation(userId);
    if (last) void open(last);
    return () => abortRef.current?.abort();
  }, [open, userId]);

  // Back from an outage: open what was asked for meanwhile, and send again a message that could not be sent.
  // The message goes first: it belongs to the conversation on screen, the one asked for comes after it.
  useOnRecovered(() => {
    const pending = pendingOpenRef.current;
    const failed = messages.findLast((m) => m.state === 'error' && m.retryOnReconnect);
    void (async () => {
      if (failed && !sending) await retry(failed.key);
      if (pending && pendingOpenRef.current === pending) await open(pending);
    })();
  });

  async function showEarlier(): Promise<EarlierOutcome> {
    const id = activeRef.current;
    if (!id || !earlierCursor || loadingEarlier) return 'failed';
    setLoadingEarlier(true);
    setEarlierError(null);
    try {
      const conv = await loadConversation(conversationPath(base, id, earlierCursor));
      if (activeRef.current !== id) return 'failed';
      setMessages((shown) => [...conv.messages, ...shown]);
      setEarlierCursor(conv.messagesBefore);
      return conv.messagesBefore ? 'more' : 'all';
    } catch (err) {
      authGuard(err);
      setEarlierError(panelError(err, t('earlierFailed')));
      return 'failed';
    } finally {
      setLoadingEarlier(false);
    }
  }

  const update = (key: string, fn: (m: ChatMessage) => ChatMessage) =>
    setMessages((list) => list.map((m) => (m.key === key ? fn(m) : m)));

  /** Adds or replaces the activity with the same key (a result replaces its running call). */
  const upsert = (list: ToolActivity[], a: ToolActivity) =>
    list.some((t) => t.key === a.key) ? list.map((t) => (t.key === a.key ? a : t)) : [...list, a];

  /** Sends a message; a retry passes the failed turn's id so the backend never runs it twice. */
  async function send(raw: string, turnId = newTurnId()) {
    const text = raw.trim();
    if (!text || sending) return;
    const userMsg: ChatMessage = {
      key: nextKey(),
      role: 'user',
      content: text,
      activities: [],
      state: 'done',
    };
    const reply: ChatMessage = {
      key: nextKey(),
      role: 'assistant',
      content: '',
      activities: [],
      state: 'streaming',
    };
    setMessages((list) => [...list, userMsg, reply]);
    setFollow((f) => f + 1);
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setSending(true);
    const startedIn = activeRef.current;
    let refreshed = false;
    let streamed = '';
    try {
      const final = await streamChat(
        userId,
        {
          ...(startedIn ? { conversation_id: startedIn } : {}),
          message: text,
          time_zone: zone,
          turn_id: turnId,
        },
        {
          onConversation: (id) => {
            if (!ctrl.signal.aborted && activeRef.current !== id) activate(id);
          },
          onDelta: (t) => {
            streamed += t;
            update(reply.key, (m) => ({ ...m, content: m.content + t }));
          },
          onToolCall: (a) => update(reply.key, (m) => ({ ...m, activities: upsert(m.activities, a) })),
          onToolResult: (a) => {
            update(reply.key, (m) => ({ ...m, activities: upsert(m.activities, a) }));
            // Refresh as soon as a change landed, not only at the end of the turn; lookups and questions
            // (list_tasks, preview_changes) change nothing.
            if (a.changed) {
              refreshed = true;
              onTasksChanged();
            }
          },
        },
        ctrl.signal,
        reply.key,
      );
      update(reply.key, (m) => ({
        ...m,
        content: final.response || m.content,
        // The final list is the truth; keep the streamed keys so chips do not remount.
        activities: final.activities.length
          ? final.activities.map((a, i) => ({ ...a, key: m.activities[i]?.key ?? a.key }))
          : m.activities.map((a) => (a.state === 'running' ? { ...a, state: 'done' } : a)),
        state: 'done',
      }));
      // Read out once, whole, when it has ended (the log does not speak while it streams).
      announce({ kind: 'reply', markdown: final.response || streamed });
      // A plain JSON answer has no events: refresh from the final list.
      if (!refreshed && final.activities.some((a) => a.changed)) onTasksChanged();
      if (
        final.conversation_id &&
        activeRef.current !== final.conversation_id &&
        activeRef.current === startedIn
      ) {
        activate(final.conversation_id);
      }
    } catch (err) {
      if (ctrl.signal.aborted) {
        announce({ kind: 'text', text: t('stopped') });
        update(reply.key, (m) => ({
          ...m,
          state: 'stopped',
          activities: m.activities.map((a) => (a.state === 'running' ? { ...a, state: 'done' } : a)),
        }));
      } else {
        authGuard(err);
        const offline = isConnectionError(err);
        update(reply.key, (m) => ({
          ...m,
          state: 'error',
          error: offline ? t('notSent') : err instanceof ApiError ? err.message : t('noAnswer'),
          retryText: text,
          // The first attempt was received and has no answer: a retry is a new message the user chose to send.
          retryTurnId: err instanceof ApiError && err.code === 'turn_unfinished' ? newTurnId() : turnId,
          retryOnReconnect: offline,
        }));
      }
      // A stopped or failed turn may still have run a tool before it ended.
      if (refreshed) onTasksChanged();
    } finally {
      if (abortRef.current === ctrl) abortRef.current = null;
      setSending(false);
      onTurnEnd();
    }
  }

  function retry(key: string): Promise<void> {
    const idx = messages.findIndex((m) => m.key === key);
    const failed = messages[idx];
    if (!failed?.retryText) return Promise.resolve();
    // Drop the failed reply and its optimistic user message; send() adds them back.
    setMessages((list) => list.filter((_, i) => i !== idx && i !== idx - 1));
    return send(failed.retryText, failed.retryTurnId);
  }

  function stop() {
    abortRef.current?.abort();
  }

  function newChat() {
    abortRef.current?.abort();
    activate(null);
    setMessages([]);
    setEarlierCursor(null);
    setEarlierError(null);
  }

  return {
    activeId,
    openedTitle,
    messages,
    loadingConversation,
    earlierCursor,
    loadingEarlier,
    earlierError,
    sending,
    follow,
    open,
    showEarlier,
    send,
    retry,
    stop,
    newChat,
  };
}
