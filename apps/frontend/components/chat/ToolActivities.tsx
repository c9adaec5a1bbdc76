'use client';

import { lazy, Suspense } from 'react';
import { useLanguage, useT } from '@/i18n/client';
import type { ToolActivity } from '@/lib/client/chat';
import { useLiveTask } from '@/lib/client/live';
import {
  foldLookups,
  groupSteps,
  lookupSentence,
  toolSentence,
  type ToolSentence,
} from '@/lib/client/tool-sentence';
import { useTimeZone } from '@/lib/client/user-settings';
import { ToolIcon } from '../icons';
import styles from './ToolActivities.module.css';

// A repeat rule in words needs the rrule library: loaded only when a step that set one is shown.
const RepeatSummary = lazy(() => import('../RepeatSummary'));

/** What the reply did, one sentence a step; lookups taken on the way are folded away (see foldLookups). */
export function ToolActivities({ activities }: { activities: ToolActivity[] }) {
  const zone = useTimeZone();
  const { shown, lookups } = foldLookups(activities);
  const t = useT('messages');
  const steps = useT('steps');
  const lang = useLanguage();
  if (shown.length === 0 && lookups.length === 0) return null;
  return (
    <ul className={styles.tools} aria-label={t('actions')}>
      {lookups.length > 0 && <Step sentence={lookupSentence(lookups, steps, lang)} name="lookup" quiet />}
      {groupSteps(shown, { zone, t: steps, lang }).map((s) =>
        s.kind === 'one' ? (
          <Activity key={s.activity.key} activity={s.activity} />
        ) : (
          <Step key={s.key} sentence={s.sentence} name={s.name} state="done" />
        ),
      )}
    </ul>
  );
}

/** One step; a step that changed one task follows that task as it is now (renamed, moved, done, deleted). */
function Activity({ activity: a }: { activity: ToolActivity }) {
  const zone = useTimeZone();
  const live = useLiveTask(a.taskId);
  const t = useT('messages');
  const steps = useT('steps');
  const lang = useLanguage();
  const sentence = toolSentence(a, { zone, live: live?.task, t: steps, lang });
  // What became of the task since, unless the sentence already says it ("Completed …" is done by definition).
  const now = live?.deleted
    ? a.name !== 'delete_task' && t('nowDeleted')
    : live?.task.completed && a.name !== 'complete_task' && t('nowDone');
  return <Step sentence={sentence} name={a.name} taskId={a.taskId} state={a.state} now={now || undefined} />;
}

function Step(p: {
  sentence: ToolSentence;
  name: string;
  taskId?: number;
  state?: ToolActivity['state'];
  now?: string;
  quiet?: boolean;
}) {
  const { lead, title, tail, rows } = p.sentence;
  const words = (
    <>
      <ToolIcon />
      <span className={styles.sentence} dir="auto">
        {lead}
        {title !== undefined && (
          <>
            {lead ? ' ‘' : '‘'}
            <span className={styles.title}>{title}</span>
            {'’'}
          </>
        )}
        {tail && ` ${tail}`}
      </span>
      {p.now && <span className={styles.now}>{p.now}</span>}
    </>
  );
  const cls = [
    styles.tool,
    p.quiet && styles.quiet,
    p.state === 'running' && styles.running,
    p.state === 'failed' && styles.failed,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={cls} data-tool={p.name} data-task-id={p.taskId} data-state={p.state}>
      {rows.length === 0 ? (
        <div className={styles.line}>{words}</div>
      ) : (
        // Details on request: a small table, never the raw call.
        <details className={styles.details}>
          <summary className={styles.line}>{words}</summary>
          <table className={styles.table}>
            <tbody>
              {rows.map(([k, v], i) => (
                <tr key={i}>
                  <th scope="row">{k}</th>
                  <td>
                    {typeof v === 'string' ? (
                      v
                    ) : (
                      <Suspense fallback={null}>
                        <RepeatSummary rule={v.rule} due={v.due} />
                      </Suspense>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}
