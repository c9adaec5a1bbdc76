'use client';

import type { Priority, ReminderRule } from '@todo/shared';
import { useT } from '@/i18n/client';
import { dueFromDateInput } from '@/lib/client/dates';
import { PRIORITY_ORDER } from '@/lib/client/tasks';
import { useTimeZone } from '@/lib/client/user-settings';
import { ReminderPicker } from './ReminderPicker';
import { RepeatPicker } from './RepeatPicker';

export interface TaskFieldValues {
  readonly priority: Priority;
  /** yyyy-mm-dd from a date input, or '' for none. */
  readonly due: string;
  /** Comma-separated, as typed. */
  readonly tags: string;
  /** RRULE body, or null for a one-off task. */
  readonly recurrence: string | null;
  /** Why the chosen repeat cannot be saved (an unreadable custom rule, a week with no day), or null. */
  readonly recurrenceProblem: string | null;
  readonly reminders: readonly ReminderRule[];
  /** Why the chosen reminder cannot be saved (a time in the past, "before" without a due date), or null. */
  readonly remindersProblem: string | null;
}

/** The first problem that stops the form from being saved, or null. */
export const fieldsProblem = (v: TaskFieldValues) => v.recurrenceProblem ?? v.remindersProblem;

export interface TaskFieldsProps {
  readonly values: TaskFieldValues;
  readonly onChange: (patch: Partial<TaskFieldValues>) => void;
  /** Prefix of the fields' ids (one form per task). */
  readonly idPrefix: string;
}

/**
 * Priority, due date, repeat, reminder and tags inputs, shared by the add form and the inline editor. Loaded on demand (with
 * the rrule library the repeat picker needs), so the page's first load stays small.
 */
export function TaskFields({ values, onChange, idPrefix }: TaskFieldsProps) {
  const zone = useTimeZone();
  const t = useT('editor');
  const tp = useT('priority');
  return (
    <>
      <label>
        {t('priority')}
        <select value={values.priority} onChange={(e) => onChange({ priority: e.target.value as Priority })}>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('due')}
        <input type="date" value={values.due} onChange={(e) => onChange({ due: e.target.value })} />
      </label>
      <RepeatPicker
        idPrefix={idPrefix}
        rule={values.recurrence}
        due={values.due}
        onChange={(recurrence, recurrenceProblem) => onChange({ recurrence, recurrenceProblem })}
      />
      <ReminderPicker
        idPrefix={idPrefix}
        rules={values.reminders}
        dueAt={dueFromDateInput(values.due, zone)}
        onChange={(reminders, remindersProblem) => onChange({ reminders, remindersProblem })}
      />
      <label className="grow">
        {t('tags')}
        <input
          value={values.tags}
          onChange={(e) => onChange({ tags: e.target.value })}
          placeholder={t('tagsPlaceholder')}
        />
      </label>
    </>
  );
}
