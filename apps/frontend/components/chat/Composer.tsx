'use client';

import { Suspense, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useT } from '@/i18n/client';
import { lazyAfterLoad, useAfterLoad } from '@/lib/client/after-load';
import { focusedByKeyboard } from '@/lib/client/focus';
import { SendIcon, StopIcon } from '../icons';
import styles from './Composer.module.css';

// After the page: the microphone (shown only where the browser can recognise speech) and the help button.
const VoiceInput = lazyAfterLoad(() => import('./VoiceInput'));
const ChatHelp = lazyAfterLoad(() => import('./ChatHelp'));

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
  const loaded = useAfterLoad();
  // What was typed before dictation started: the dictated words follow it.
  const typed = useRef('');

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
          // Typed (or dictated) text reads in its own direction: English in the Urdu UI stays left to right.
          dir="auto"
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
        {loaded && (
          <Suspense fallback={null}>
            <VoiceInput
              sending={sending}
              onStart={() => (typed.current = input.trim())}
              onDictate={(text) => setInput(typed.current ? `${typed.current} ${text}` : text)}
            />
          </Suspense>
        )}
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
        {loaded && (
          <Suspense fallback={null}>
            <ChatHelp />
          </Suspense>
        )}
      </div>
    </>
  );
}
