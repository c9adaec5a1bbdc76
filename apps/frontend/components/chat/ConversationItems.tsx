'use client';

import type { Conversation, ConversationList as Page } from '@todo/shared';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import { conversationPath } from '@/lib/client/conversations';
import { MoreButton } from '../MoreButton';
import { EditIcon, TrashIcon } from '../icons';
import styles from './ConversationList.module.css';

// The title field loads the first time a conversation is renamed.
const RenameConversation = lazy(() => import('./RenameConversation'));

export interface ItemsProps {
  list: Page;
  activeId: string | null;
  loadingOlder: boolean;
  onOpen: (id: string) => void;
  /** Hides it at once; the chat panel offers Undo before it is really deleted. */
  onDelete: (c: Conversation) => void;
  /** The API path of the user's conversations (`…/conversations/{id}` renames one). */
  base: string;
  /** Shows a conversation as renamed. */
  onRenamed: (c: Conversation) => void;
  /** Loads the next page; resolves with the id of its first conversation. */
  onShowOlder: () => Promise<string | undefined>;
}

/** The conversations themselves, with Rename and Delete (loaded with the list's first page, not with the page). */
export default function ConversationItems(p: ItemsProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const conversations = p.list.items;
  const [renaming, setRenaming] = useState<string | null>(null);
  const t = useT('chat');

  // After saving or cancelling, the keyboard goes on from the row's Rename button (once it is back).
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const id = refocus.current;
    if (renaming !== null || id === null) return;
    refocus.current = null;
    listRef.current?.querySelector<HTMLButtonElement>(`[data-rename-id="${CSS.escape(id)}"]`)?.focus();
  }, [renaming]);
  function closeRename(id: string) {
    refocus.current = id;
    setRenaming(null);
  }

  async function showOlder() {
    const firstNew = await p.onShowOlder();
    // Keyboard users continue at the first conversation just added (the button may be gone now).
    if (firstNew) {
      requestAnimationFrame(() =>
        listRef.current
          ?.querySelector<HTMLButtonElement>(`[data-conversation-id="${CSS.escape(firstNew)}"]`)
          ?.focus(),
      );
    }
  }

  return (
    <>
      <ul className={styles.items} ref={listRef}>
        {conversations.length === 0 && <li className="muted small">{t('noConversations')}</li>}
        {conversations.map((c) => {
          const name = c.title || t('untitled');
          return (
            <li key={c.id} className={c.id === p.activeId ? styles.active : undefined}>
              {renaming === c.id ? (
                <Suspense fallback={<span className={styles.openButton}>{name}</span>}>
                  <RenameConversation
                    conversation={c}
                    path={conversationPath(p.base, c.id)}
                    onSaved={p.onRenamed}
                    onClose={() => closeRename(c.id)}
                  />
                </Suspense>
              ) : (
                <>
                  <button
                    type="button"
                    className={styles.openButton}
                    data-conversation-id={c.id}
                    aria-current={c.id === p.activeId ? 'true' : undefined}
                    onClick={() => p.onOpen(c.id)}
                  >
                    {name}
                  </button>
                  <button
                    type="button"
                    className="icon-btn"
                    data-rename-id={c.id}
                    aria-label={t('renameConversation', { title: name })}
                    onClick={() => setRenaming(c.id)}
                  >
                    <EditIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={t('deleteConversation', { title: name })}
                    onClick={() => {
                      p.onDelete(c);
                    }}
                  >
                    <TrashIcon />
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {p.list.next_cursor && (
        <MoreButton
          className="btn-block"
          label={t('showOlder')}
          loadingLabel={t('loadingOlder')}
          loading={p.loadingOlder}
          onLoad={() => void showOlder()}
        />
      )}
    </>
  );
}
