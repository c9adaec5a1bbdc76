'use client';

import { useEffect, useRef } from 'react';
import styles from './ChatHelp.module.css';

/** What the assistant understands, grouped as people ask (see docs/api.md for the full list). */
export const HELP_SECTIONS: ReadonlyArray<{ title: string; examples: readonly string[] }> = [
  {
    title: 'Add',
    examples: [
      'Buy milk tomorrow at 5pm #shopping',
      'Add an urgent task to file taxes by Friday',
      'Add milk, eggs and bread',
    ],
  },
  {
    title: 'Find',
    examples: [
      "What's pending?",
      "What's due this week?",
      'Show my high priority tasks',
      'Find tasks about rent',
    ],
  },
  { title: 'Finish or reopen', examples: ['Complete task 3', 'I bought the groceries', 'Reopen task 1'] },
  {
    title: 'Change',
    examples: [
      'Move task 2 to Monday 9am',
      'Make it high priority',
      'Tag task 4 work',
      'Rename task 5 to Call mom',
    ],
  },
  {
    title: 'Many at once (shows a preview; answer yes or no)',
    examples: [
      'Delete all completed tasks',
      'Mark everything tagged work as done',
      'Move all overdue tasks to tomorrow',
    ],
  },
  { title: 'Take it back', examples: ['Undo', 'Undo the last 3 changes'] },
  { title: 'Urdu', examples: ['doodh lene ka task add karo', 'mere kaam dikhao', 'میرے کام دکھائیں'] },
];

/** The examples panel; focus moves into it so a screen reader reads it next, Escape closes it. */
export default function ChatHelpPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      id={id}
      ref={ref}
      className={styles.panel}
      role="region"
      aria-label="What you can say"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className={styles.head}>
        <h3>What you can say</h3>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">
        Dates and times are read in your time zone. Say a task’s number (“task 3”) or its name.
      </p>
      <dl className={styles.sections}>
        {HELP_SECTIONS.map((s) => (
          <div key={s.title}>
            <dt>{s.title}</dt>
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
