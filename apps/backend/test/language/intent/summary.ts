import { DateTime } from 'luxon';
import { parseMessage } from '../../../src/language/intent/parse';
import type { Changes, Intent, ReminderRule, Target } from '../../../src/language/intent/types';

/*
 * An intent as a one-line summary, so the message → meaning tables (parse.test.ts, remind.test.ts) stay readable:
 * every field the parser set, local times in `zone`.
 */

/** What `message` means, intents joined by " ; ". */
export const read = (message: string, ctx: { now: Date; zone: string }): string =>
  parseMessage(message, ctx)
    .intents.map((i) => summary(i, ctx.zone))
    .join(' ; ');

function target(t: Target): string {
  switch (t.kind) {
    case 'numbers':
      return `#${t.numbers.join(',#')}`;
    case 'context':
      return t.plural ? 'them' : 'it';
    case 'ordinal':
      return t.count ? `ordinal ${t.index} ×${t.count}` : `ordinal ${t.index}`;
    case 'title':
      return `"${t.text}"${t.plural ? ' (several)' : ''}`;
    case 'paraphrase':
      return `~"${t.text}"`;
    case 'set':
      return `all ${JSON.stringify(t.filter)}`;
    case 'titles':
      return t.texts.map((x) => `"${x}"`).join(' + ');
  }
}

export function summary(i: Intent, zone: string): string {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const rules = (r: readonly ReminderRule[]) =>
    r.map((x) => ('at' in x ? `at ${local(x.at)}` : `before ${x.before}`)).join(', ');
  const changes = (c: Changes) =>
    [
      c.title && `title=${c.title}`,
      c.respell && `respell=${c.respell}`,
      c.priority && `priority=${c.priority}`,
      c.due === null ? 'due=none' : c.due && `due=${local(c.due.at)}`,
      c.timeOfDay !== undefined && `time=${c.timeOfDay / 60}h`,
      c.shiftDays && `shift=${c.shiftDays}d`,
      c.shiftMinutes && `shift=${c.shiftMinutes}min`,
      c.addTags && `+${c.addTags.join(',')}`,
      c.removeTags && `-${c.removeTags.join(',')}`,
      c.appendDescription && `note+=${c.appendDescription}`,
      c.repeat === null ? 'repeat=none' : c.repeat && `repeat=${c.repeat.rrule}`,
      c.reminders && (c.reminders.length ? `reminders=${rules(c.reminders)}` : 'reminders off'),
      c.addReminders && `+remind ${rules(c.addReminders)}`,
      c.remindOnDay &&
        `remind ${c.remindOnDay.days ? 'the day before' : 'the same day'} at ${String(c.remindOnDay.minutes / 60).padStart(2, '0')}:00`,
    ]
      .filter(Boolean)
      .join(' ');
  switch (i.type) {
    case 'add':
      return `add ${i.tasks
        .map((t) =>
          [
            t.title,
            t.due && `due ${local(t.due.at)}`,
            t.repeat && `repeat ${t.repeat.rrule}`,
            t.priority && `p=${t.priority}`,
            t.tags && `#${t.tags.join(' #')}`,
            t.description && `note=${t.description}`,
            t.reminders && `remind ${rules(t.reminders)}`,
            t.remindAsked && !t.reminders && 'remind: ask when',
          ]
            .filter(Boolean)
            .join(' | '),
        )
        .join(' / ')}`;
    case 'list':
      return `list ${JSON.stringify(i.filter)}${i.count ? ' count' : ''}`;
    case 'complete':
    case 'reopen':
    case 'delete':
      return `${i.type} ${target(i.target)}`;
    case 'update':
      return `update ${target(i.target)}: ${changes(i.changes)}`;
    case 'remind':
      return `remind ${target(i.target)}${i.at ? ` at ${local(i.at.at)}` : ''}${i.target.kind === 'title' ? ` (else add ${i.task.title})` : ''}`;
    case 'snooze':
      return `snooze ${target(i.target)} ${i.minutes} min`;
    case 'undo':
      return `undo ${i.groups}`;
    case 'clarify':
      return `ask ${i.question.kind}`;
    case 'maybe_add':
      return `ask add ${i.task.title}`;
    case 'mention':
      return `mention ${target(i.target)}`;
    case 'when':
      return `when: ${changes(i.changes)}`;
    case 'retitle_tail':
      return `offer: last word=${i.words}`;
    case 'correct':
      return `redo the last change on ${target(i.target)}`;
    case 'cancel':
      return i.revert ? 'cancel and take back the last change' : 'cancel';
    default:
      return i.type;
  }
}
