'use client';

import { useRef, useState } from 'react';
import {
  DAY_NAMES,
  ordinal,
  parseRule,
  repeatFromRule,
  ruleFromRepeat,
  type Repeat,
  type RepeatKind,
} from '@/lib/client/repeat';
import { partsIn } from '@/lib/client/dates';
import { useTimeZone } from '@/lib/client/user-settings';
import styles from './RepeatPicker.module.css';

const KINDS: Array<[RepeatKind, string]> = [
  ['none', 'Does not repeat'],
  ['daily', 'Daily'],
  ['weekdays', 'Every weekday (Mon–Fri)'],
  ['weekly', 'Weekly on…'],
  ['monthly', 'Monthly on day…'],
  ['custom', 'Custom (RRULE)…'],
];
const MONTH_DAYS = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];

/** The weekday (0 = Monday) and day of month the defaults start from: the due day, else today in the user's zone. */
function anchorOf(due: string, zone: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  const p = m ? { year: +m[1]!, month: +m[2]!, day: +m[3]! } : partsIn(new Date(), zone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  return { weekday, day: p.day };
}

/** Why a custom rule cannot be saved, checked with the shared recurrenceSchema (loaded only for custom rules). */
async function customProblem(text: string): Promise<string | null> {
  if (!text.trim()) return 'Type a rule, for example FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.';
  const { recurrenceSchema } = await import('@todo/shared');
  const checked = recurrenceSchema.safeParse(text);
  if (!checked.success) return checked.error.issues[0]?.message ?? 'This rule is not valid.';
  return parseRule(text) ? null : 'recurrence: not a rule that can be evaluated';
}

export interface RepeatPickerProps {
  readonly idPrefix: string;
  /** The rule the form holds (its first value sets the picker up). */
  readonly rule: string | null;
  /** The form's due day (yyyy-mm-dd or ''): where "weekly" and "monthly" start. */
  readonly due: string;
  readonly onChange: (rule: string | null, problem: string | null) => void;
}

/** None, daily, weekdays, weekly on chosen days, monthly on a day, or a raw RRULE; writes rules through rrule. */
export function RepeatPicker({ idPrefix, rule, due, onChange }: RepeatPickerProps) {
  const zone = useTimeZone();
  const [repeat, setRepeat] = useState<Repeat>(() => repeatFromRule(rule, anchorOf(due, zone)));
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(repeat);
  const id = `${idPrefix}-repeat`;

  function update(next: Repeat) {
    latest.current = next;
    setRepeat(next);
    const text = ruleFromRepeat(next);
    const sync = next.kind === 'weekly' && next.days.length === 0 ? 'Pick at least one day.' : null;
    setProblem(sync);
    onChange(text, sync);
    if (next.kind !== 'custom') return;
    // Until the check answers, the rule counts as unchecked rather than wrong (the backend checks it again).
    void customProblem(next.custom).then((found) => {
      if (latest.current !== next) return; // typed on since
      setProblem(found);
      onChange(text, found);
    });
  }

  const toggleDay = (d: number) =>
    update({
      ...repeat,
      days: repeat.days.includes(d) ? repeat.days.filter((x) => x !== d) : [...repeat.days, d],
    });

  return (
    <div className={styles.picker}>
      <label htmlFor={id}>Repeat</label>
      <select
        id={id}
        value={repeat.kind}
        onChange={(e) => update({ ...repeat, kind: e.target.value as RepeatKind })}
      >
        {KINDS.map(([k, text]) => (
          <option key={k} value={k}>
            {text}
          </option>
        ))}
      </select>
      {repeat.kind === 'weekly' && (
        <div className={styles.days} role="group" aria-label="Repeat on these days">
          {DAY_NAMES.map((name, d) => (
            <label key={name} className={styles.day}>
              <input type="checkbox" checked={repeat.days.includes(d)} onChange={() => toggleDay(d)} />
              {name}
            </label>
          ))}
        </div>
      )}
      {repeat.kind === 'monthly' && (
        <select
          aria-label="Day of the month"
          value={repeat.monthDay}
          onChange={(e) => update({ ...repeat, monthDay: Number(e.target.value) })}
        >
          {MONTH_DAYS.map((d) => (
            <option key={d} value={d}>
              {d === -1 ? 'the last day' : `the ${ordinal(d)}${d > 28 ? ' (or the last day)' : ''}`}
            </option>
          ))}
        </select>
      )}
      {repeat.kind === 'custom' && (
        <input
          aria-label="Repeat rule (RRULE)"
          value={repeat.custom}
          placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
          spellCheck={false}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => update({ ...repeat, custom: e.target.value })}
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
