'use client';

import type { ConversationList as Page } from '@todo/shared';
import { Suspense, useRef } from 'react';
import { useT } from '@/i18n/client';
import { lazyAfterLoad } from '@/lib/client/after-load';
import { PlusIcon } from '../icons';
import type { ItemsProps } from './ConversationItems';
import styles from './ConversationList.module.css';

// The rows (rename, delete, older pages) load after the page, or with the list's first page: `/` has a budget.
const ConversationItems = lazyAfterLoad(() => import('./ConversationItems'));

interface Props extends Omit<ItemsProps, 'list'> {
  list: Page | null;
  error: string | null;
  /** Narrow screens: the drawer is shown. */
  open: boolean;
  onNew: () => void;
  /** Loads the list again (after an error). */
  onRetry: () => void;
}

export function ConversationList({ list, error, open, onNew, onRetry, ...items }: Props) {
  const newRef = useRef<HTMLButtonElement>(null);
  const t = useT('chat');
  const tc = useT('common');
  const loading = (
    <ul className={styles.items}>
      <li className="muted small">{tc('loading')}</li>
    </ul>
  );

  return (
    <aside
      className={`${styles.conversations}${open ? ` ${styles.open}` : ''}`}
      id="conversation-list"
      aria-label={t('conversations')}
    >
      <button ref={newRef} type="button" className="btn btn-secondary btn-block" onClick={onNew}>
        <PlusIcon /> {t('newChat')}
      </button>
      {error && (
        <div className="inline-error" role="alert">
          <span>{error}</span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry}>
            {tc('retry')}
          </button>
        </div>
      )}
      {list === null ? (
        loading
      ) : (
        <Suspense fallback={loading}>
          <ConversationItems
            {...items}
            list={list}
            onDelete={(c) => {
              // The row goes away with the focus in it: keep the keyboard in the list, not on <body>.
              newRef.current?.focus();
              items.onDelete(c);
            }}
          />
        </Suspense>
      )}
    </aside>
  );
}
