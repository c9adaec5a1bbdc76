'use client';

import type { Task } from '@todo/shared';
import { useLanguage, useT } from '@/i18n/client';
import { describeDue } from '@/lib/client/due-text';
import { useTimeZone } from '@/lib/client/user-settings';

/** A row's due date, "Due Today 5 pm" or "Overdue · Fri, Dec 4" (loaded on demand by TaskItem). */
export default function DueLabel({ task }: { task: Task }) {
  const zone = useTimeZone();
  const lang = useLanguage();
  const t = useT('task');
  const due = describeDue(task, zone, undefined, lang);
  if (!due) return null;
  return (
    <span className={`due${due.overdue ? ' overdue' : ''}`}>
      {t(due.overdue ? 'overdue' : 'due')}
      {due.text}
    </span>
  );
}
