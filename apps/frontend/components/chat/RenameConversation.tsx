'use client';

import type { Conversation } from '@todo/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '@/i18n/client';
import { api, authGuard, panelError } from '@/lib/client/api';
import styles from './ConversationList.module.css';

// The backend's limit (CONVERSATION_TITLE_MAX in @todo/shared; zod stays out of the page's bundle).
const TITLE_MAX = 80;

interface Props {
  conversation: Conversation;
  /** The conversation's API path (PATCH renames it). */
  path: string;
  /** Called with the conversation as saved. */
  onSaved: (c: Conversation) => void;
  /** Closes the field (saved or cancelled). */
  onClose: () => void;
}

/** A conversation's title as an inline field (loaded when first used): Enter saves, Escape cancels. */
export default function RenameConversation({ conversation, path, onSaved, onClose }: Props) {
  const { title } = conversation;
  const [value, setValue] = useState(title);
  const t = useT('chat');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    ref.current?.select();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = value.trim();
    if (!next) return setError(t('renameEmpty'));
    if (next === title) return onClose();
    setBusy(true);
    try {
      onSaved(await api<Conversation>(path, { method: 'PATCH', json: { title: next } }));
      onClose();
    } catch (err) {
      authGuard(err);
      setError(panelError(err, t('renameFailed')) ?? t('unreachable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.rename} onSubmit={(e) => void submit(e)}>
      <input
        ref={ref}
        aria-label={t('renameConversation', { title: title || t('untitled') })}
        value={value}
        maxLength={TITLE_MAX}
        // Read-only, not disabled, while saving: a disabled field would drop the focus.
        readOnly={busy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          // A stale "give it a title" would contradict what is now typed.
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        // Leaving the field without Enter keeps the old title, as Escape does.
        onBlur={(e) => {
          if (!busy && !e.currentTarget.form?.contains(e.relatedTarget)) onClose();
        }}
      />
      {error && (
        <p id={errorId} className={`inline-error ${styles.renameError}`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
