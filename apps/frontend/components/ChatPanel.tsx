'use client';

import type {
  Conversation,
  ConversationList,
  ConversationWithMessages,
  Message,
  ToolCall,
} from '@todo/shared';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError } from '@/lib/client/api';
import { streamChat, summarizeResult, toolLabel } from '@/lib/client/chat';
import { appendPage, conversationPath, conversationsPath, mergeFirstPage } from '@/lib/client/conversations';
import { Markdown } from '@/lib/client/markdown';
import { MoreButton } from './MoreButton';
import { MenuIcon, PlusIcon, SendIcon, StopIcon, ToolIcon, TrashIcon } from './icons';

interface UiToolCall {
  key: string;
  name: string;
  arguments: Record<string, unknown>;
  result?: unknown;
  done: boolean;
}

interface UiMessage {
  key: string;
  role: 'user' | 'assistant';
  content: string;
  toolCalls: UiToolCall[];
  state: 'done' | 'streaming' | 'error' | 'stopped';
  error?: string;
  /** The user text to send again when this failed turn is retried. */
  retryText?: string;
}

const SUGGESTIONS = [
  'Add a task to buy milk tomorrow',
  "What's pending?",
  'Add a high priority task to file taxes by Friday',
  'Mark buy milk as done',
];

let seq = 0;
const nextKey = () => `m${++seq}`;

function fromServer(m: Message): UiMessage {
  return {
    key: `s${m.id}`,
    role: m.role,
    content: m.content,
    toolCalls: (m.tool_calls ?? []).map((t: ToolCall, i: number) => ({
      key: `s${m.id}-${i}`,
      name: t.name,
      arguments: t.arguments,
      result: t.result,
      done: true,
    })),
    state: 'done',
  };
}

function setUrlConversation(id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('c', id);
  else url.searchParams.delete('c');
  window.history.replaceState(null, '', url);
}

function authGuard(err: unknown) {
  if (err instanceof ApiError && err.status === 401) window.location.assign('/sign-in');
}

export function ChatPanel({ userId, onTasksChanged }: { userId: string; onTasksChanged: () => void }) {
  const base = `/api/${encodeURIComponent(userId)}`;
  const [list, setList] = useState<ConversationList | null>(null);
  const conversations = list?.items ?? null;
  const [loadingOlderList, setLoadingOlderList] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Title of the conversation opened from the server (it may be on a sidebar page not loaded yet). */
  const [openedTitle, setOpenedTitle] = useState('');
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [loadingConversation, setLoadingConversation] = useState(false);
  /** Cursor of the messages before the first one shown (null: the conversation starts with it). */
  const [earlierCursor, setEarlierCursor] = useState<string | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [input, setInput] = useState('');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const activeRef = useRef<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  /** Set while earlier messages are prepended: the distance from the log's bottom to keep (no jump). */
  const prependFromBottomRef = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Refreshes the first page and keeps the older pages already shown (activity only moves conversations up).
  const refreshConversations = useCallback(async () => {
    try {
      const first = await api<ConversationList>(conversationsPath(base));
      setList((current) => mergeFirstPage(current, first));
      setListError(null);
    } catch (err) {
      authGuard(err);
      setListError(err instanceof ApiError ? err.message : 'Could not load conversations.');
      setList((l) => l ?? { items: [], next_cursor: null });
    }
  }, [base]);

  async function showOlderConversations() {
    const cursor = list?.next_cursor;
    if (!cursor || loadingOlderList) return;
    setLoadingOlderList(true);
    try {
      const older = await api<ConversationList>(conversationsPath(base, cursor));
      setList((current) => appendPage(current, older));
      setListError(null);
      // Keyboard users continue at the first conversation just added (the button may be gone now).
      const firstNew = older.items[0]?.id;
      if (firstNew) {
        requestAnimationFrame(() =>
          listRef.current
            ?.querySelector<HTMLButtonElement>(`[data-conversation-id="${CSS.escape(firstNew)}"]`)
            ?.focus(),
        );
      }
    } catch (err) {
      authGuard(err);
      setListError(err instanceof ApiError ? err.message : 'Could not load older conversations.');
    } finally {
      setLoadingOlderList(false);
    }
  }

  const activate = (id: string | null) => {
    activeRef.current = id;
    setActiveId(id);
    setOpenedTitle('');
    setUrlConversation(id);
  };

  const openConversation = useCallback(
    async (id: string) => {
      abortRef.current?.abort();
      activeRef.current = id;
      setActiveId(id);
      setDrawerOpen(false);
      setLoadingConversation(true);
      setEarlierCursor(null);
      setEarlierError(null);
      try {
        const conv = await api<ConversationWithMessages>(conversationPath(base, id));
        if (activeRef.current !== id) return;
        setMessages(conv.messages.map(fromServer));
        setOpenedTitle(conv.title);
        setEarlierCursor(conv.messages_before ?? null);
        setUrlConversation(id);
        stickRef.current = true;
      } catch (err) {
        authGuard(err);
        if (activeRef.current !== id) return;
        activate(null);
        setMessages([]);
        if (!(err instanceof ApiError && err.status === 404)) {
          setListError(err instanceof ApiError ? err.message : 'Could not open the conversation.');
        }
      } finally {
        setLoadingConversation(false);
      }
    },
    [base],
  );

  useEffect(() => {
    void refreshConversations();
    const fromUrl = new URLSearchParams(window.location.search).get('c');
    if (fromUrl) void openConversation(fromUrl);
    return () => abortRef.current?.abort();
  }, [refreshConversations, openConversation]);

  async function showEarlierMessages() {
    const id = activeRef.current;
    if (!id || !earlierCursor || loadingEarlier) return;
    setLoadingEarlier(true);
    setEarlierError(null);
    try {
      const conv = await api<ConversationWithMessages>(conversationPath(base, id, earlierCursor));
      if (activeRef.current !== id) return;
      const el = logRef.current;
      if (el) prependFromBottomRef.current = el.scrollHeight - el.scrollTop;
      setMessages((shown) => [...conv.messages.map(fromServer), ...shown]);
      setEarlierCursor(conv.messages_before ?? null);
      // The button goes away with the last page: keep focus in the log rather than losing it to the page.
      if (!conv.messages_before) el?.focus({ preventScroll: true });
    } catch (err) {
      authGuard(err);
      setEarlierError(err instanceof ApiError ? err.message : 'Could not load earlier messages.');
    } finally {
      setLoadingEarlier(false);
    }
  }

  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el) return;
    // Earlier messages went in above: keep what the reader was looking at in place.
    if (prependFromBottomRef.current !== null) {
      el.scrollTop = el.scrollHeight - prependFromBottomRef.current;
      prependFromBottomRef.current = null;
      return;
    }
    // Follow the stream only while the reader is at the bottom, so scrolling up to read is not hijacked.
    if (stickRef.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const update = (key: string, fn: (m: UiMessage) => UiMessage) =>
    setMessages((list) => list.map((m) => (m.key === key ? fn(m) : m)));

  async function send(raw: string) {
    const text = raw.trim();
    if (!text || sending) return;
    const userMsg: UiMessage = { key: nextKey(), role: 'user', content: text, toolCalls: [], state: 'done' };
    const reply: UiMessage = {
      key: nextKey(),
      role: 'assistant',
      content: '',
      toolCalls: [],
      state: 'streaming',
    };
    setMessages((list) => [...list, userMsg, reply]);
    setInput('');
    stickRef.current = true;
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setSending(true);
    const startedIn = activeRef.current;
    let touchedTasks = false;
    try {
      const final = await streamChat(
        userId,
        startedIn ? { conversation_id: startedIn, message: text } : { message: text },
        {
          onConversation: (id) => {
            if (!ctrl.signal.aborted && activeRef.current !== id) activate(id);
          },
          onDelta: (t) => update(reply.key, (m) => ({ ...m, content: m.content + t })),
          onToolCall: (c) =>
            update(reply.key, (m) => ({
              ...m,
              toolCalls: [
                ...m.toolCalls,
                { key: c.id, name: c.name, arguments: c.arguments ?? {}, done: false },
              ],
            })),
          onToolResult: (r) => {
            touchedTasks = true;
            update(reply.key, (m) => ({
              ...m,
              toolCalls: m.toolCalls.some((t) => t.key === r.id)
                ? m.toolCalls.map((t) => (t.key === r.id ? { ...t, result: r.result, done: true } : t))
                : [...m.toolCalls, { key: r.id, name: r.name, arguments: {}, result: r.result, done: true }],
            }));
            // Refresh as soon as a tool ran, not only at the end of the turn.
            onTasksChanged();
          },
        },
        ctrl.signal,
      );
      update(reply.key, (m) => ({
        ...m,
        content: final.response || m.content,
        toolCalls: final.tool_calls.length
          ? final.tool_calls.map((t, i) => ({
              key: m.toolCalls[i]?.key ?? `${reply.key}-${i}`,
              name: t.name,
              arguments: t.arguments,
              result: t.result,
              done: true,
            }))
          : m.toolCalls.map((t) => ({ ...t, done: true })),
        state: 'done',
      }));
      if (final.tool_calls.length && !touchedTasks) onTasksChanged();
      if (
        final.conversation_id &&
        activeRef.current !== final.conversation_id &&
        activeRef.current === startedIn
      ) {
        activate(final.conversation_id);
      }
    } catch (err) {
      if (ctrl.signal.aborted) {
        update(reply.key, (m) => ({
          ...m,
          state: 'stopped',
          toolCalls: m.toolCalls.map((t) => ({ ...t, done: true })),
        }));
      } else {
        authGuard(err);
        update(reply.key, (m) => ({
          ...m,
          state: 'error',
          error: err instanceof ApiError ? err.message : 'The assistant could not answer.',
          retryText: text,
        }));
      }
      if (touchedTasks) onTasksChanged();
    } finally {
      if (abortRef.current === ctrl) abortRef.current = null;
      setSending(false);
      void refreshConversations();
    }
  }

  function retry(key: string) {
    const idx = messages.findIndex((m) => m.key === key);
    const failed = messages[idx];
    if (!failed?.retryText) return;
    // Drop the failed reply and its optimistic user message; send() adds them back.
    setMessages((list) => list.filter((_, i) => i !== idx && i !== idx - 1));
    void send(failed.retryText);
  }

  function newChat() {
    abortRef.current?.abort();
    activate(null);
    setMessages([]);
    setEarlierCursor(null);
    setEarlierError(null);
    setDrawerOpen(false);
    inputRef.current?.focus();
  }

  async function remove(c: Conversation) {
    const prev = list;
    setList((l) => l && { ...l, items: l.items.filter((x) => x.id !== c.id) });
    if (activeRef.current === c.id) newChat();
    try {
      await api(conversationPath(base, c.id), { method: 'DELETE' });
    } catch (err) {
      authGuard(err);
      setList(prev);
      setListError(err instanceof ApiError ? err.message : 'Could not delete the conversation.');
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send(input);
    }
  }

  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <aside
        className={`conversations${drawerOpen ? ' open' : ''}`}
        id="conversation-list"
        aria-label="Conversations"
      >
        <button type="button" className="btn btn-secondary btn-block" onClick={newChat}>
          <PlusIcon /> New chat
        </button>
        {listError && (
          <p className="inline-error" role="alert">
            {listError}
          </p>
        )}
        <ul className="conversation-items" ref={listRef}>
          {conversations === null && <li className="muted small">Loading…</li>}
          {conversations?.length === 0 && <li className="muted small">No conversations yet.</li>}
          {conversations?.map((c) => (
            <li key={c.id} className={c.id === activeId ? 'active' : undefined}>
              <button
                type="button"
                className="conversation-open"
                data-conversation-id={c.id}
                aria-current={c.id === activeId ? 'true' : undefined}
                onClick={() => void openConversation(c.id)}
              >
                {c.title || 'Untitled'}
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={`Delete conversation ${c.title || 'Untitled'}`}
                onClick={() => void remove(c)}
              >
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
        {list?.next_cursor && (
          <MoreButton
            className="btn-block"
            label="Show older conversations"
            loadingLabel="Loading older conversations…"
            loading={loadingOlderList}
            onLoad={() => void showOlderConversations()}
          />
        )}
      </aside>
      <div className="chat-main">
        <div className="panel-head">
          <button
            type="button"
            className="icon-btn drawer-toggle"
            aria-label="Show conversations"
            aria-expanded={drawerOpen}
            aria-controls="conversation-list"
            onClick={() => setDrawerOpen((o) => !o)}
          >
            <MenuIcon />
          </button>
          <h2 id="chat-title">Assistant</h2>
          {activeId && (
            <span className="muted small truncate">
              {conversations?.find((c) => c.id === activeId)?.title ?? openedTitle}
            </span>
          )}
        </div>
        <div
          className="chat-log"
          ref={logRef}
          role="log"
          aria-label="Chat messages"
          aria-busy={sending || loadingConversation || loadingEarlier}
          tabIndex={-1}
          onScroll={(e) => {
            const el = e.currentTarget;
            stickRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          {earlierCursor && (
            <div className="earlier">
              <MoreButton
                label="Show earlier messages"
                loadingLabel="Loading earlier messages…"
                loading={loadingEarlier}
                onLoad={() => void showEarlierMessages()}
              />
              {earlierError && (
                <p className="inline-error" role="alert">
                  {earlierError}
                </p>
              )}
            </div>
          )}
          {messages.length === 0 && !loadingConversation && (
            <div className="empty-chat">
              <p className="empty-title">What needs doing?</p>
              <p className="muted">Ask me to add, find, complete or change your tasks.</p>
              <div className="suggestions" aria-label="Suggested prompts">
                {SUGGESTIONS.map((s) => (
                  <button key={s} type="button" className="chip-btn" onClick={() => void send(s)}>
                    {s}
                  </button>
                ))}
              </div>
            </div>
          )}
          {loadingConversation && messages.length === 0 && (
            <p className="muted small center">Loading conversation…</p>
          )}
          {messages.map((m) => (
            <article
              key={m.key}
              className={`msg msg-${m.role}`}
              aria-label={m.role === 'user' ? 'You' : 'Assistant'}
              data-state={m.state}
            >
              {m.toolCalls.length > 0 && (
                <ul className="tool-chips" aria-label="Actions taken">
                  {m.toolCalls.map((t) => (
                    <li key={t.key}>
                      <details className={`tool-chip${t.done ? '' : ' running'}`}>
                        <summary>
                          <ToolIcon />
                          <span className="tool-name">{toolLabel(t.name)}</span>
                          {t.done ? (
                            summarizeResult(t.result) && (
                              <span className="tool-result">{summarizeResult(t.result)}</span>
                            )
                          ) : (
                            <span className="tool-result">running…</span>
                          )}
                        </summary>
                        <pre>{JSON.stringify({ arguments: t.arguments, result: t.result }, null, 2)}</pre>
                      </details>
                    </li>
                  ))}
                </ul>
              )}
              {m.role === 'user' ? (
                <div className="bubble">{m.content}</div>
              ) : (
                (m.content || m.state === 'streaming') && (
                  <div className="bubble markdown">
                    <Markdown text={m.content} />
                    {m.state === 'streaming' && <span className="cursor" aria-hidden="true" />}
                  </div>
                )
              )}
              {m.state === 'stopped' && <p className="muted small">Stopped.</p>}
              {m.state === 'error' && (
                <div className="msg-error" role="alert">
                  <span>{m.error}</span>
                  <button type="button" className="btn btn-secondary btn-sm" onClick={() => retry(m.key)}>
                    Retry
                  </button>
                </div>
              )}
            </article>
          ))}
        </div>
        <form
          className="composer"
          onSubmit={(e) => {
            e.preventDefault();
            void send(input);
          }}
        >
          <label htmlFor="chat-input" className="sr-only">
            Message the assistant
          </label>
          <textarea
            id="chat-input"
            ref={inputRef}
            rows={1}
            value={input}
            placeholder="Ask me to add, find or finish tasks…"
            aria-describedby="composer-hint"
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={4000}
          />
          {sending ? (
            <button
              type="button"
              className="btn btn-secondary send-btn"
              onClick={() => abortRef.current?.abort()}
            >
              <StopIcon /> <span>Stop</span>
            </button>
          ) : (
            <button type="submit" className="btn btn-primary send-btn" disabled={!input.trim()}>
              <SendIcon /> <span>Send</span>
            </button>
          )}
        </form>
        <p id="composer-hint" className="composer-hint">
          Enter to send · Shift+Enter for a new line
        </p>
      </div>
    </section>
  );
}
