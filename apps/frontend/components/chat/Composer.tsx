'use client';

import { useState, type KeyboardEvent, type RefObject } from 'react';
import { useT } from '@/i18n/client';
import { focusedByKeyboard } from '@/lib/client/focus';
import { SendIcon, StopIcon } from '../icons';
import { ChatHelp } from './ChatHelp';
import styles from './Composer.module.css';

interface Props {
  sending: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** The message box with Send (Stop while a reply streams), the keyboard hint and the "What can I say?" help. */
export function Composer({ sending, onSend, onStop, inputRef }: Props) {
  const [input, setInput] = useState('');
  const t = useT('chat');

  function submit() {
    if (sending || !input.trim()) return;
    onSend(input);
    setInput('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <>
      <form
        className={styles.composer}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor="chat-input" className="sr-only">
          {t('messageLabel')}
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          rows={1}
          value={input}
          placeholder={t('placeholder')}
          aria-describedby="composer-hint"
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          // MESSAGE_MAX of @todo/shared, written out: importing it at runtime would bring zod into the page.
          maxLength={4000}
        />
        {sending ? (
          <button
            type="button"
            className={`btn btn-secondary ${styles.send}`}
            onClick={() => {
              // Stop turns back into Send: continue where the next message is typed.
              const toInput = focusedByKeyboard();
              onStop();
              if (toInput) inputRef.current?.focus();
            }}
          >
            <StopIcon /> <span>{t('stop')}</span>
          </button>
        ) : (
          // aria-disabled, not disabled: a disabled button drops the focus (to the page) when a reply ends.
          <button type="submit" className={`btn btn-primary ${styles.send}`} aria-disabled={!input.trim()}>
            <SendIcon /> <span>{t('send')}</span>
          </button>
        )}
      </form>
      <div className={styles.hintRow}>
        <p id="composer-hint" className={styles.hint}>
          {t('hint')}
        </p>
        <ChatHelp />
      </div>
    </>
  );
}
