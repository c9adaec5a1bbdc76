'use client';

import { useEffect, useRef } from 'react';
import { useT } from '@/i18n/client';
import styles from './ChatHelp.module.css';

/**
 * What the assistant understands, grouped as people ask (see docs/api.md for the full list). Titles are catalog keys
 * (`help`); the examples stay as typed, since they are what the assistant reads.
 */
export const HELP_SECTIONS: ReadonlyArray<{ title: string; examples: readonly string[] }> = [
  {
    title: 'add',
    examples: [
      'Buy milk tomorrow at 5pm #shopping',
      'Add an urgent task to file taxes by Friday',
      'Add milk, eggs and bread',
    ],
  },
  {
    title: 'find',
    examples: [
      "What's pending?",
      "What's due this week?",
      'Show my high priority tasks',
      'Find tasks about rent',
    ],
  },
  { title: 'finish', examples: ['Complete task 3', 'I bought the groceries', 'Reopen task 1'] },
  {
    title: 'change',
    examples: [
      'Move task 2 to Monday 9am',
      'Make it high priority',
      'Tag task 4 work',
      'Rename task 5 to Call mom',
    ],
  },
  {
    title: 'bulk',
    examples: [
      'Delete all completed tasks',
      'Mark everything tagged work as done',
      'Move all overdue tasks to tomorrow',
    ],
  },
  { title: 'undo', examples: ['Undo', 'Undo the last 3 changes'] },
  { title: 'urdu', examples: ['doodh lene ka task add karo', 'mere kaam dikhao', 'میرے کام دکھائیں'] },
];

/** The examples panel; focus moves into it so a screen reader reads it next, Escape closes it. */
export default function ChatHelpPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT('help');
  const tc = useT('common');
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      id={id}
      ref={ref}
      className={styles.panel}
      role="region"
      aria-label={t('title')}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className={styles.head}>
        <h3>{t('title')}</h3>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          {tc('close')}
        </button>
      </div>
      <p className="muted small">{t('intro')}</p>
      <dl className={styles.sections}>
        {HELP_SECTIONS.map((s) => (
          <div key={s.title}>
            <dt>{t(s.title)}</dt>
            {s.examples.map((e) => (
              <dd key={e} lang={/[\u0600-\u06ff]/.test(e) ? 'ur' : undefined}>
                {e}
              </dd>
            ))}
          </div>
        ))}
      </dl>
    </div>
  );
}
