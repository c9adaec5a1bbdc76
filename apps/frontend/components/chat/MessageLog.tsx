'use client';

import { useLayoutEffect, useRef } from 'react';
import type { ChatMessage, ToolActivity } from '@/lib/client/chat';
import { LazyMarkdown } from '@/lib/client/lazy-markdown';
import { useLiveTask } from '@/lib/client/live';
import { MoreButton } from '../MoreButton';
import { ToolIcon } from '../icons';
import type { EarlierOutcome } from './useChat';
import styles from './MessageLog.module.css';

/** Prompts on the empty chat: one click sends them. */
export const SUGGESTIONS = [
  'Buy milk tomorrow at 5pm',
  "What's pending?",
  'Add a high priority task to file taxes by Friday',
  'Undo',
];

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

function ToolChips({ activities }: { activities: ToolActivity[] }) {
  return (
    <ul className={styles.tools} aria-label="Actions taken">
      {activities.map((a) => (
        <ToolChip key={a.key} activity={a} />
      ))}
    </ul>
  );
}

/** One step of a reply; a step that changed one task shows that task as it is now (renamed, done, deleted). */
function ToolChip({ activity: a }: { activity: ToolActivity }) {
  const live = useLiveTask(a.taskId);
  const detail = live?.task.title ?? a.detail;
  // What became of the task since, unless the chip already says it ("Completed task 3" is done by definition).
  const now = live?.deleted
    ? a.name !== 'delete_task' && 'deleted'
    : live?.task.completed && a.name !== 'complete_task' && 'done';
  return (
    <li
      className={`${styles.tool}${a.state === 'running' ? ` ${styles.running}` : ''}${a.state === 'failed' ? ` ${styles.failed}` : ''}`}
      data-tool={a.name}
      data-task-id={a.taskId}
    >
      <ToolIcon />
      <span className={styles.toolLabel}>{a.label}</span>
      {detail && (
        <span className={styles.toolDetail} title={detail}>
          {detail}
        </span>
      )}
      {now && <span className={styles.toolNow}>now {now}</span>}
    </li>
  );
}

/** Answers to the question the last reply asked: Yes/No for a preview, the task numbers for "which one?". */
function QuickReplies({
  question,
  onSend,
}: {
  question: NonNullable<ToolActivity['question']>;
  onSend: Props['onSend'];
}) {
  const choices =
    question.awaiting === 'confirm'
      ? [
          { text: 'yes', label: 'Yes' },
          { text: 'no', label: 'No' },
        ]
      : [
          ...question.items.flatMap((i) =>
            i.task_id === null ? [] : [{ text: `task ${i.task_id}`, label: `#${i.task_id} ${i.title}` }],
          ),
          { text: 'no', label: 'Cancel' },
        ];
  return (
    <div className={styles.quickReplies} role="group" aria-label="Quick replies">
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

export function MessageLog(p: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  /** Set while earlier messages are prepended: the distance from the log's bottom to keep (no jump). */
  const prependFromBottom = useRef<number | null>(null);
  const lastFollow = useRef(p.follow);

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
      aria-label="Chat messages"
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
            label="Show earlier messages"
            loadingLabel="Loading earlier messages…"
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
          <p className={styles.emptyTitle}>What needs doing?</p>
          <p className="muted">Ask me to add, find, complete or change your tasks. Try one of these:</p>
          <div className={styles.suggestions} role="group" aria-label="Example requests">
            {SUGGESTIONS.map((s) => (
              <button key={s} type="button" className={styles.chip} onClick={() => p.onSend(s)}>
                {s}
              </button>
            ))}
          </div>
        </div>
      )}
      {p.loadingConversation && p.messages.length === 0 && (
        <p className="muted small center">Loading conversation…</p>
      )}
      {p.messages.map((m) => (
        <article
          key={m.key}
          className={`${styles.msg} ${m.role === 'user' ? styles.user : styles.assistant}`}
          aria-label={m.role === 'user' ? 'You' : 'Assistant'}
          data-state={m.state}
        >
          {m.activities.length > 0 && <ToolChips activities={m.activities} />}
          {m.role === 'user' ? (
            <div className={styles.bubble} data-bubble="">
              {m.content}
            </div>
          ) : m.state === 'streaming' && !m.content ? (
            // From the moment the turn is sent until the first words: a model may take seconds to start.
            <p className={styles.thinking} data-thinking="">
              Thinking
              <span className={styles.dots} aria-hidden="true" />
            </p>
          ) : (
            m.content && (
              <div className={`${styles.bubble} ${styles.markdown}`} data-bubble="">
                <LazyMarkdown text={m.content} />
                {m.state === 'streaming' && <span className={styles.cursor} aria-hidden="true" />}
              </div>
            )
          )}
          {m.state === 'stopped' && <p className="muted small">Stopped.</p>}
          {m.state === 'error' && (
            <div className={styles.msgError} role="alert">
              <span>{m.error}</span>
              <button type="button" className="btn btn-secondary btn-sm" onClick={() => p.onRetry(m.key)}>
                Retry
              </button>
            </div>
          )}
          {m === last && question && <QuickReplies question={question} onSend={p.onSend} />}
        </article>
      ))}
    </div>
  );
}
