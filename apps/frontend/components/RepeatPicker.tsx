'use client';

import { useRef, useState } from 'react';
import { useLanguage, useT } from '@/i18n/client';
import {
  dayName,
  ordinalIn,
  customProblem,
  repeatFromRule,
  ruleFromRepeat,
  type Repeat,
  type RepeatKind,
} from '@/lib/client/repeat';
import { partsIn } from '@/lib/client/dates';
import { useTimeZone } from '@/lib/client/user-settings';
import styles from './RepeatPicker.module.css';

// Each is worded by the catalog's `repeat.<kind>`.
const KINDS: readonly RepeatKind[] = ['none', 'daily', 'weekdays', 'weekly', 'monthly', 'custom'];
const DAYS = [0, 1, 2, 3, 4, 5, 6];
const MONTH_DAYS = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];

/** The weekday (0 = Monday) and day of month the defaults start from: the due day, else today in the user's zone. */
function anchorOf(due: string, zone: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  const p = m ? { year: +m[1]!, month: +m[2]!, day: +m[3]! } : partsIn(new Date(), zone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  return { weekday, day: p.day };
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
  const t = useT('repeat');
  const lang = useLanguage();
  const [repeat, setRepeat] = useState<Repeat>(() => repeatFromRule(rule, anchorOf(due, zone)));
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(repeat);
  const id = `${idPrefix}-repeat`;

  function update(next: Repeat) {
    latest.current = next;
    setRepeat(next);
    const text = ruleFromRepeat(next);
    const sync = next.kind === 'weekly' && next.days.length === 0 ? t('pickDay') : null;
    setProblem(sync);
    onChange(text, sync);
    if (next.kind !== 'custom') return;
    // Until the check answers, the rule counts as unchecked rather than wrong (the backend checks it again).
    void customProblem(next.custom, t).then((found) => {
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
      <label htmlFor={id}>{t('label')}</label>
      <select
        id={id}
        value={repeat.kind}
        onChange={(e) => update({ ...repeat, kind: e.target.value as RepeatKind })}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(k)}
          </option>
        ))}
      </select>
      {repeat.kind === 'weekly' && (
        <div className={styles.days} role="group" aria-label={t('days')}>
          {DAYS.map((d) => (
            <label key={d} className={styles.day}>
              <input type="checkbox" checked={repeat.days.includes(d)} onChange={() => toggleDay(d)} />
              {dayName(d, lang)}
            </label>
          ))}
        </div>
      )}
      {repeat.kind === 'monthly' && (
        <select
          aria-label={t('monthDay')}
          value={repeat.monthDay}
          onChange={(e) => update({ ...repeat, monthDay: Number(e.target.value) })}
        >
          {MONTH_DAYS.map((d) => (
            <option key={d} value={d}>
              {d === -1
                ? t('lastDay')
                : t(d > 28 ? 'nthDayClamped' : 'nthDay', { ordinal: ordinalIn(d, lang) })}
            </option>
          ))}
        </select>
      )}
      {repeat.kind === 'custom' && (
        <input
          aria-label={t('rule')}
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
