/*
 * The time layer of the language module: date and recurrence phrases read, and instants shown, in the user's zone.
 * The agents, the task tools and the routes import from here only.
 */
export type { FoundDate, FoundRecurrence, TimeContext } from './types';
export { atTimeOfDay, canonicalZone } from './zone';
export { DEFAULT_MINUTES, PART_OF_DAY, clockText, parseTimeOfDay } from './time-of-day';
export { findDate, parseDatePhrase } from './dates';
export { findRecurrence } from './recurrence';
export { firstOccurrence, isValidRrule, nextOccurrence } from './occurrences';
export { describeRrule, ordinal } from './summary';
export { formatWhen, type Locale } from './format';
export { dayRange, type DayRangeKind } from './ranges';
