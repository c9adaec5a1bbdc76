'use client';

import { useLanguage, useT } from '@/i18n/client';
import { describeRepeat } from '@/lib/client/repeat';
import { useTimeZone } from '@/lib/client/user-settings';

/** "Every Mon · next Dec 7" on a repeating task's row (loaded with the first such row: it needs rrule). */
export default function RepeatSummary({ rule, due }: { rule: string; due: string | null }) {
  const zone = useTimeZone();
  const t = useT('repeat');
  const lang = useLanguage();
  return <>{describeRepeat(rule, due, zone, t, lang) ?? t('repeats')}</>;
}
