'use client';

import { useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import { focusedByKeyboard } from '@/lib/client/focus';
import { MenuIcon } from '../icons';
import { UndoToast } from '../UndoToast';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { MessageLog } from './MessageLog';
import { useChat } from './useChat';
import { useConversations } from './useConversations';
import styles from './ChatPanel.module.css';

/** The assistant: conversations on the side, the open conversation's log and the composer. */
export function ChatPanel({ userId, onTasksChanged }: { userId: string; onTasksChanged: () => void }) {
  const base = `/api/${encodeURIComponent(userId)}`;
  const conversations = useConversations(base);
  const { refresh, setError: setListError } = conversations;
  const chat = useChat({
    userId,
    base,
    onTasksChanged,
    onTurnEnd: () => void refresh(),
    onOpenError: setListError,
  });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const t = useT('chat');
  /** The open conversation that was deleted: Undo opens it again. */
  const reopenOnUndo = useRef<string | null>(null);

  function undoDelete() {
    const c = conversations.undo();
    if (!c) return;
    if (reopenOnUndo.current === c.id) void chat.open(c.id);
    reopenOnUndo.current = null;
    // The toast goes away with the focus on Undo: continue on the conversation that came back.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(c.id)}"]`)?.focus(),
    );
  }

  useEffect(() => {
    void refresh();
  }, [refresh]);

  function newChat() {
    chat.newChat();
    setDrawerOpen(false);
    inputRef.current?.focus();
  }

  // A suggestion or quick reply goes away once sent (and Send turns into Stop): a keyboard user continues in the
  // message box rather than on the page's body.
  function send(text: string) {
    const toComposer = focusedByKeyboard();
    void chat.send(text);
    if (toComposer) requestAnimationFrame(() => inputRef.current?.focus());
  }

  const title = chat.activeId
    ? (conversations.list?.items.find((c) => c.id === chat.activeId)?.title ?? chat.openedTitle)
    : '';

  return (
    <section className={`panel chat-panel ${styles.chat}`} aria-labelledby="chat-title">
      <ConversationList
        list={conversations.list}
        activeId={chat.activeId}
        error={conversations.error}
        loadingOlder={conversations.loadingOlder}
        open={drawerOpen}
        onNew={newChat}
        onOpen={(id) => {
          setDrawerOpen(false);
          void chat.open(id);
        }}
        onDelete={(c) => {
          if (c.id === chat.activeId) {
            reopenOnUndo.current = c.id;
            newChat();
          }
          conversations.remove(c);
        }}
        base={base}
        onRenamed={conversations.replace}
        onShowOlder={conversations.showOlder}
        onRetry={() => void refresh()}
      />
      <div className={styles.main}>
        <div className="panel-head">
          <button
            type="button"
            className={`icon-btn ${styles.drawerToggle}`}
            aria-label={t('showConversations')}
            aria-expanded={drawerOpen}
            aria-controls="conversation-list"
            onClick={() => setDrawerOpen((o) => !o)}
          >
            <MenuIcon />
          </button>
          <h2 id="chat-title">{t('assistant')}</h2>
          {chat.activeId && (
            <span id="chat-subtitle" className={`muted small truncate ${styles.subtitle}`}>
              {title}
            </span>
          )}
        </div>
        <MessageLog
          messages={chat.messages}
          busy={chat.sending || chat.loadingConversation || chat.loadingEarlier}
          sending={chat.sending}
          loadingConversation={chat.loadingConversation}
          hasEarlier={chat.earlierCursor !== null}
          loadingEarlier={chat.loadingEarlier}
          earlierError={chat.earlierError}
          follow={chat.follow}
          onShowEarlier={chat.showEarlier}
          onSend={send}
          onRetry={(key) => void chat.retry(key)}
        />
        <Composer sending={chat.sending} onSend={send} onStop={chat.stop} inputRef={inputRef} />
        <UndoToast
          className={styles.toasts}
          text={
            conversations.pending &&
            t('deletedConversation', { title: conversations.pending.title || t('untitled') })
          }
          undoLabel={
            conversations.pending
              ? t('undoDelete', { title: conversations.pending.title || t('untitled') })
              : undefined
          }
          onUndo={undoDelete}
          onHold={conversations.hold}
        />
      </div>
    </section>
  );
}
