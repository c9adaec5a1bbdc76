'use client';

import { Suspense, useLayoutEffect, useRef } from 'react';
import { useT } from '@/i18n/client';
import { lazyAfterLoad } from '@/lib/client/after-load';
import type { ChatMessage } from '@/lib/client/chat';
import { MoreButton } from '../MoreButton';
import type { EarlierOutcome } from './useChat';
import styles from './MessageLog.module.css';

// The messages themselves load once the page has (an empty chat needs none of it): `/` has a first-load budget.
const Messages = lazyAfterLoad(() => import('./Messages'));

/** Prompts on the empty chat (catalog keys, in the UI's language: the assistant reads both): one click sends them. */
const SUGGESTIONS = ['suggestion1', 'suggestion2', 'suggestion3', 'suggestion4'];

interface Props {
  messages: ChatMessage[];
  busy: boolean;
  sending: boolean;
  loadingConversation: boolean;
  hasEarlier: boolean;
  loadingEarlier: boolean;
  earlierError: string | null;
  /** Changes when the log should jump to its end. */
  follow: number;
  onShowEarlier: () => Promise<EarlierOutcome>;
  onSend: (text: string) => void;
  onRetry: (key: string) => void;
}

export function MessageLog(p: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  /** Set while earlier messages are prepended: the distance from the log's bottom to keep (no jump). */
  const prependFromBottom = useRef<number | null>(null);
  const lastFollow = useRef(p.follow);
  const t = useT('chat');

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (lastFollow.current !== p.follow) {
      lastFollow.current = p.follow;
      stick.current = true;
    }
    // Earlier messages went in above: keep what the reader was looking at in place.
    if (prependFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - prependFromBottom.current;
      prependFromBottom.current = null;
      return;
    }
    // Follow the stream only while the reader is at the bottom, so scrolling up to read is not hijacked.
    if (stick.current) el.scrollTop = el.scrollHeight;
  }, [p.messages, p.follow]);

  async function showEarlier() {
    const el = ref.current;
    if (el) prependFromBottom.current = el.scrollHeight - el.scrollTop;
    const outcome = await p.onShowEarlier();
    if (outcome === 'failed') prependFromBottom.current = null;
    // The button goes away with the last page: keep focus in the log rather than losing it to the page.
    if (outcome === 'all') el?.focus({ preventScroll: true });
  }

  // The messages may render after they arrived (their code loads on demand): follow the end then too.
  const follow = () => {
    const el = ref.current;
    if (el && stick.current && prependFromBottom.current === null) el.scrollTop = el.scrollHeight;
  };

  const last = p.messages.at(-1);
  const question =
    !p.sending && last?.role === 'assistant' && last.state === 'done'
      ? last.activities.find((a) => a.question)?.question
      : undefined;

  return (
    <div
      className={styles.log}
      ref={ref}
      role="log"
      aria-label={t('log')}
      // Quiet: a streamed reply would be read out in fragments. The page's announcer reads each reply once, whole.
      aria-live="off"
      aria-busy={p.busy}
      tabIndex={-1}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {p.hasEarlier && (
        <div className={styles.earlier}>
          <MoreButton
            label={t('showEarlier')}
            loadingLabel={t('loadingEarlier')}
            loading={p.loadingEarlier}
            onLoad={() => void showEarlier()}
          />
          {p.earlierError && (
            <p className="inline-error" role="alert">
              {p.earlierError}
            </p>
          )}
        </div>
      )}
      {p.messages.length === 0 && !p.loadingConversation && (
        <div className={styles.empty}>
          <p className={styles.emptyTitle}>{t('emptyTitle')}</p>
          <p className="muted">{t('emptyBody')}</p>
          <div className={styles.suggestions} role="group" aria-label={t('examples')}>
            {SUGGESTIONS.map((key) => (
              <button key={key} type="button" className={styles.chip} onClick={() => p.onSend(t(key))}>
                {t(key)}
              </button>
            ))}
          </div>
        </div>
      )}
      {p.loadingConversation && p.messages.length === 0 && (
        <p className="muted small center">{t('loadingConversation')}</p>
      )}
      {p.messages.length > 0 && (
        <Suspense fallback={null}>
          <Messages
            messages={p.messages}
            question={question}
            onSend={p.onSend}
            onRetry={p.onRetry}
            onShown={follow}
          />
        </Suspense>
      )}
    </div>
  );
}
