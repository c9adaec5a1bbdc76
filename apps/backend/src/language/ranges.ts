/*
 * Due-date ranges for list filters ("what's due this week?"), half-open [from, to) instants bounded by the user's
 * local midnights, so a task due at 11 pm Los Angeles time is "today" there.
 */
import type { TimeContext } from './types';
import { localNow } from './zone';

export type DayRangeKind = 'today' | 'tomorrow' | 'this_week' | 'next_week' | 'this_month' | 'overdue';

/**
 * Ranges for list filters, in ctx.zone, half-open [from, to): today, tomorrow, this week (today through Sunday),
 * next week (Monday–Sunday), this month (today through its last day), overdue (before now).
 */
export function dayRange(kind: DayRangeKind, ctx: TimeContext): { from?: Date; to?: Date } {
  const today = localNow(ctx).startOf('day');
  // luxon weeks start on Monday (ISO), so the end of this week is the coming Monday's midnight.
  const nextMonday = today.startOf('week').plus({ weeks: 1 });
  const range = (from: typeof today, to: typeof today) => ({ from: from.toJSDate(), to: to.toJSDate() });
  switch (kind) {
    case 'today':
      return range(today, today.plus({ days: 1 }));
    case 'tomorrow':
      return range(today.plus({ days: 1 }), today.plus({ days: 2 }));
    case 'this_week':
      return range(today, nextMonday);
    case 'next_week':
      return range(nextMonday, nextMonday.plus({ weeks: 1 }));
    case 'this_month':
      return range(today, today.startOf('month').plus({ months: 1 }));
    case 'overdue':
      return { to: ctx.now };
  }
}
