'use client';

import type { Conversation, ConversationList as Page } from '@todo/shared';
import { useRef } from 'react';
import { ConfirmButton } from '../ConfirmButton';
import { MoreButton } from '../MoreButton';
import { PlusIcon, TrashIcon } from '../icons';
import styles from './ConversationList.module.css';

interface Props {
  list: Page | null;
  activeId: string | null;
  error: string | null;
  loadingOlder: boolean;
  /** Narrow screens: the drawer is shown. */
  open: boolean;
  onNew: () => void;
  onOpen: (id: string) => void;
  onDelete: (c: Conversation) => void;
  /** Loads the next page; resolves with the id of its first conversation. */
  onShowOlder: () => Promise<string | undefined>;
  /** Loads the list again (after an error). */
  onRetry: () => void;
}

export function ConversationList(p: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const conversations = p.list?.items ?? null;

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
    <aside
      className={`${styles.conversations}${p.open ? ` ${styles.open}` : ''}`}
      id="conversation-list"
      aria-label="Conversations"
    >
      <button ref={newRef} type="button" className="btn btn-secondary btn-block" onClick={p.onNew}>
        <PlusIcon /> New chat
      </button>
      {p.error && (
        <div className="inline-error" role="alert">
          <span>{p.error}</span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={p.onRetry}>
            Retry
          </button>
        </div>
      )}
      <ul className={styles.items} ref={listRef}>
        {conversations === null && <li className="muted small">Loading…</li>}
        {conversations?.length === 0 && <li className="muted small">No conversations yet.</li>}
        {conversations?.map((c) => (
          <li key={c.id} className={c.id === p.activeId ? styles.active : undefined}>
            <button
              type="button"
              className={styles.openButton}
              data-conversation-id={c.id}
              aria-current={c.id === p.activeId ? 'true' : undefined}
              onClick={() => p.onOpen(c.id)}
            >
              {c.title || 'Untitled'}
            </button>
            <ConfirmButton
              className="icon-btn"
              label={`Delete conversation ${c.title || 'Untitled'}`}
              confirmText="Delete"
              confirmLabel={`Yes, delete conversation ${c.title || 'Untitled'}`}
              onConfirm={() => {
                // The row goes away with the focus in it: keep the keyboard in the list, not on <body>.
                newRef.current?.focus();
                p.onDelete(c);
              }}
            >
              <TrashIcon />
            </ConfirmButton>
          </li>
        ))}
      </ul>
      {p.list?.next_cursor && (
        <MoreButton
          className="btn-block"
          label="Show older conversations"
          loadingLabel="Loading older conversations…"
          loading={p.loadingOlder}
          onLoad={() => void showOlder()}
        />
      )}
    </aside>
  );
}
