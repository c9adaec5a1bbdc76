'use client';

import { useLayoutEffect } from 'react';
import { useT } from '@/i18n/client';
import type { ChatMessage, ToolActivity } from '@/lib/client/chat';
import { LazyMarkdown } from '@/lib/client/lazy-markdown';
import styles from './MessageLog.module.css';
import { ToolActivities } from './ToolActivities';

interface Props {
  messages: ChatMessage[];
  /** The question the last reply waits on, answered by quick replies. */
  question: ToolActivity['question'];
  onSend: (text: string) => void;
  onRetry: (key: string) => void;
  /** Called after each render, so the log can keep following its end. */
  onShown: () => void;
}

/**
 * Answers to the question the last reply asked: Yes/No for a preview, the task numbers for "which one?", and only
 * Cancel for "when?" (a time is typed: no short list of buttons covers when people want reminding).
 */
function QuickReplies({
  question,
  onSend,
}: {
  question: NonNullable<ToolActivity['question']>;
  onSend: (text: string) => void;
}) {
  const t = useT('messages');
  const choices =
    question.awaiting === 'confirm'
      ? [
          { text: 'yes', label: t('yes') },
          { text: 'no', label: t('no') },
        ]
      : question.awaiting === 'when'
        ? [{ text: 'no', label: t('cancel') }]
        : [
            ...question.items.flatMap((i) =>
              i.task_id === null ? [] : [{ text: `task ${i.task_id}`, label: `#${i.task_id} ${i.title}` }],
            ),
            { text: 'no', label: t('cancel') },
          ];
  return (
    <div className={styles.quickReplies} role="group" aria-label={t('quickReplies')}>
      {choices.map((c) => (
        <button
          key={c.text}
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={() => onSend(c.text)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}

/** The chat log's messages (loaded on demand by MessageLog). */
export default function Messages({ messages, question, onSend, onRetry, onShown }: Props) {
  useLayoutEffect(onShown, [onShown]);
  const t = useT('messages');
  const tc = useT('common');
  return (
    <>
      {messages.map((m) => (
        <article
          key={m.key}
          className={`${styles.msg} ${m.role === 'user' ? styles.user : styles.assistant}`}
          aria-label={m.role === 'user' ? t('you') : t('assistant')}
          data-state={m.state}
        >
          {m.activities.length > 0 && <ToolActivities activities={m.activities} />}
          {m.role === 'user' ? (
            // dir="auto": a message reads in its own direction (English in the Urdu UI, and the other way).
            <div className={styles.bubble} data-bubble="" dir="auto">
              {m.content}
            </div>
          ) : m.state === 'streaming' && !m.content ? (
            // From the moment the turn is sent until the first words: a model may take seconds to start.
            <p className={styles.thinking} data-thinking="">
              {t('thinking')}
              <span className={styles.dots} aria-hidden="true" />
            </p>
          ) : (
            m.content && (
              <div className={`${styles.bubble} ${styles.markdown}`} data-bubble="" dir="auto">
                <LazyMarkdown text={m.content} />
                {m.state === 'streaming' && <span className={styles.cursor} aria-hidden="true" />}
              </div>
            )
          )}
          {m.state === 'stopped' && <p className="muted small">{t('stopped')}</p>}
          {m.state === 'error' && (
            <div className={styles.msgError} role="alert">
              <span>{m.error}</span>
              <button type="button" className="btn btn-secondary btn-sm" onClick={() => onRetry(m.key)}>
                {tc('retry')}
              </button>
            </div>
          )}
          {m === messages.at(-1) && question && <QuickReplies question={question} onSend={onSend} />}
        </article>
      ))}
    </>
  );
}
