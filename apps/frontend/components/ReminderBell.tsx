'use client';

import type { Task } from '@todo/shared';
import { useLanguage, useT } from '@/i18n/client';
import { nextReminder } from '@/lib/client/reminders';
import { useTimeZone } from '@/lib/client/user-settings';
import { BellIcon } from './icons';

/** The bell on a row with reminders, with the next one's time in the user's zone (loaded with the first such row). */
export default function ReminderBell({ task }: { task: Task }) {
  const zone = useTimeZone();
  const lang = useLanguage();
  const t = useT('reminders');
  const next = nextReminder(task.reminders, task.due_at);
  const text = next
    ? new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : lang, {
        timeZone: zone,
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }).format(next)
    : null;
  return (
    <span className="reminder" data-next-reminder={next?.toISOString() ?? ''}>
      <BellIcon />
      <span>{text ? t('next', { time: text }) : t('noneAhead')}</span>
    </span>
  );
}
