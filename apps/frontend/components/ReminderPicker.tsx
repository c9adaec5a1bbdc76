'use client';

import type { ReminderRule } from '@todo/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import {
  choiceOf,
  instantOfLocalInput,
  LEAD_CHOICES,
  localInputOf,
  reminderProblem,
  rulesOf,
  type ReminderChoice,
} from '@/lib/client/reminders';
import { useTimeZone } from '@/lib/client/user-settings';
import styles from './RepeatPicker.module.css';

export interface ReminderPickerProps {
  readonly idPrefix: string;
  /** The rules the form holds (their first value sets the picker up). */
  readonly rules: readonly ReminderRule[];
  /** The form's due instant, or null: "before" reminders need one. */
  readonly dueAt: string | null;
  readonly onChange: (rules: ReminderRule[], problem: string | null) => void;
}

/** None, at the due time, 10 minutes / 1 hour / 1 day before, or at a chosen time (in the user's zone). */
export function ReminderPicker({ idPrefix, rules, dueAt, onChange }: ReminderPickerProps) {
  const zone = useTimeZone();
  const t = useT('reminders');
  const [initial] = useState(() => ({ kept: [...rules], ...choiceOf(rules) }));
  const [choice, setChoice] = useState<ReminderChoice>(initial.choice);
  const [local, setLocal] = useState(() => (initial.at ? localInputOf(initial.at, zone) : ''));
  const id = `${idPrefix}-remind`;
  const at = instantOfLocalInput(local, zone);
  // Only what the user touched is checked: an untouched past "at" reminder of a task being renamed is no error.
  const [touched, setTouched] = useState(false);
  const problem = touched ? reminderProblem(choice, at, dueAt, t) : null;

  // The form learns of every change, and of a problem a new due date (or none) makes.
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  });
  useEffect(() => {
    if (touched) report.current(rulesOf(choice, at, initial.kept), problem);
  }, [touched, choice, at, problem, initial.kept]);

  return (
    <div className={styles.picker}>
      <label htmlFor={id}>{t('pickerLabel')}</label>
      <select
        id={id}
        value={choice}
        onChange={(e) => {
          setTouched(true);
          setChoice(e.target.value as ReminderChoice);
        }}
      >
        <option value="none">{t('pickerNone')}</option>
        {LEAD_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`lead${c}`)}
          </option>
        ))}
        <option value="at">{t('pickerAt')}</option>
        {initial.choice === 'kept' && (
          <option value="kept">{t('pickerKept', { count: initial.kept.length })}</option>
        )}
      </select>
      {choice === 'at' && (
        <input
          type="datetime-local"
          aria-label={t('pickerAtLabel')}
          value={local}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setTouched(true);
            setLocal(e.target.value);
          }}
        />
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
