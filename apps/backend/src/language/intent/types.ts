import type { Priority } from '@todo/shared';

/*
 * What a chat message means, as plain data: the local agent's parser produces it, the executor acts on it.
 * Nothing here touches the database, so every phrase → meaning rule is table-tested on its own.
 */

/** The language a reply is written in: English, Urdu script, or Urdu in Latin letters (Roman Urdu). */
export type Lang = 'en' | 'ur' | 'roman';

/** A due date read from the message. */
export interface DuePhrase {
  readonly at: Date;
  readonly hasTime: boolean;
  /** The words as typed, for replies that repeat them. */
  readonly text: string;
}

/** A repeat rule read from the message ("every monday"). */
export interface RepeatPhrase {
  readonly rrule: string;
  readonly summary: string;
  readonly first: Date;
}

/**
 * When to remind, as the task tools take it: at a fixed instant, or a lead time before each due time
 * (an ISO 8601 duration: "PT0S" = when it is due, "PT10M", "PT1H", "P1D").
 */
export type ReminderRule = { readonly at: Date } | { readonly before: string };

/** The fields of a task to add. */
export interface NewTask {
  readonly title: string;
  readonly description?: string;
  readonly priority?: Priority;
  readonly tags?: readonly string[];
  readonly due?: DuePhrase;
  readonly repeat?: RepeatPhrase;
  readonly reminders?: readonly ReminderRule[];
  /**
   * Said as "remind me to …": a pending task with exactly this title gets the reminder instead of a second copy
   * being added, and without a due time the reply asks when to remind.
   */
  readonly remindAsked?: boolean;
  /**
   * "schedule the dentist for monday": the words after the verb. A pending task titled exactly that (articles
   * aside) is moved to `due` instead of a second task being added.
   */
  readonly sameAs?: string;
}

/** What an update changes; every field optional, at least one set. */
export interface Changes {
  readonly title?: string;
  /** A word of the title spelled right ("it's plumber"): it replaces the title's word closest to it. */
  readonly respell?: string;
  readonly priority?: Priority;
  /** A new due instant; null clears it. */
  readonly due?: DuePhrase | null;
  /** Only the time of day changes (minutes after local midnight), the day stays. */
  readonly timeOfDay?: number;
  /** Move the due date by this many days (negative: earlier). */
  readonly shiftDays?: number;
  /** Move the due time by this many minutes (negative: earlier); only a task with a due time can move. */
  readonly shiftMinutes?: number;
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
  readonly clearTags?: boolean;
  readonly description?: string;
  readonly appendDescription?: string;
  readonly repeat?: RepeatPhrase | null;
  /** Replaces the task's reminder rules; [] stops every reminder. */
  readonly reminders?: readonly ReminderRule[];
  /** Adds these rules to the task's own. */
  readonly addReminders?: readonly ReminderRule[];
  /** "the morning of", "the evening before": a reminder at `minutes` after midnight, `days` from the due day. */
  readonly remindOnDay?: { readonly days: number; readonly minutes: number };
}

/** When a list is narrowed by due date. */
export type DueWindow =
  'today' | 'tomorrow' | 'this_week' | 'next_week' | 'this_month' | 'overdue' | 'no_date';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Which tasks a list or a bulk change is about. */
export interface Filter {
  readonly status?: 'all' | 'pending' | 'completed';
  readonly priority?: Priority;
  /** A tag, or a word that is a tag if the user has one by that name (checked by the executor). */
  readonly tag?: string;
  readonly due?: DueWindow;
  /** Due at that part of the day ("my morning meetings"). */
  readonly partOfDay?: PartOfDay;
  /** Words the title or notes must contain. */
  readonly text?: string;
  /** The user named no status: done tasks are left out of the list and only counted. */
  readonly doneHidden?: boolean;
  /** Exactly these task numbers ("show task 3"). */
  readonly numbers?: readonly number[];
  /** Only tasks with a reminder set ("what reminders do I have?"). */
  readonly reminders?: boolean;
  /** The tag was named as such ("my shopping list"): it is never read as words of titles instead. */
  readonly tagOnly?: boolean;
}

/** The task(s) a change is about. */
export type Target =
  /** "task 3", "#3", "tasks 2 and 5" */
  | { readonly kind: 'numbers'; readonly numbers: readonly number[] }
  /** "it", "that", "them": the task(s) the conversation was just about. `plural` for them/those/both. */
  | { readonly kind: 'context'; readonly plural: boolean }
  /** "the bins and the gas bill": several titles, each naming one task. */
  | { readonly kind: 'titles'; readonly texts: readonly string[] }
  /**
   * "the first one", "the last one", "the 2nd": position in what was just listed (0-based; -1 = last); "the first
   * two" is `count` of them from there.
   */
  | { readonly kind: 'ordinal'; readonly index: number; readonly count?: number }
  /** A title or words of it; `plural` when the words name several ("my meetings"). */
  | { readonly kind: 'title'; readonly text: string; readonly quoted: boolean; readonly plural: boolean }
  /** "I bought the groceries": a past-tense verb (as its base form) and what follows. */
  | { readonly kind: 'paraphrase'; readonly text: string }
  /** "all completed tasks", "everything tagged work", "all overdue tasks": always a bulk change. */
  | { readonly kind: 'set'; readonly filter: Filter };

export type Intent =
  | { readonly type: 'add'; readonly tasks: readonly NewTask[] }
  | { readonly type: 'list'; readonly filter: Filter; readonly count: boolean }
  | { readonly type: 'complete'; readonly target: Target }
  | { readonly type: 'reopen'; readonly target: Target }
  | { readonly type: 'delete'; readonly target: Target }
  | { readonly type: 'update'; readonly target: Target; readonly changes: Changes }
  | { readonly type: 'undo'; readonly groups: number }
  /**
   * "remind me about the report tomorrow at 9": a reminder on the task named, at `at` (or when it is due);
   * when no task has that name, `task` is added with the reminder instead.
   */
  | { readonly type: 'remind'; readonly target: Target; readonly at?: DuePhrase; readonly task: NewTask }
  /** "snooze it 10 minutes", "remind me again in an hour": the task's last delivered reminder, again later. */
  | { readonly type: 'snooze'; readonly target: Target; readonly minutes: number }
  | { readonly type: 'history' }
  /** Names a task without acting on it, so "it" in the next clause means that task. */
  | { readonly type: 'mention'; readonly target: Target }
  | { readonly type: 'confirm' }
  /** "no", "never mind"; `revert` for "cancel that", "scratch that": also take back what the last turn changed. */
  | { readonly type: 'cancel'; readonly revert?: boolean }
  /** "no, the one for Priya": the last change was meant for another task — undo it and do it to `target`. */
  | { readonly type: 'correct'; readonly target: Target }
  /**
   * "make it dad" after "add call mom": `words` take the place of the last word of the task just added. A guess at
   * which word they replace, so it is offered, never done.
   */
  | { readonly type: 'retitle_tail'; readonly words: string }
  /** A date or time and nothing else ("at 3pm", "tomorrow morning"): the answer to "when?" about the task just added. */
  | { readonly type: 'when'; readonly changes: Changes }
  /** A bare number or ordinal: the answer to a question, or nothing. */
  | { readonly type: 'choose'; readonly number?: number; readonly index?: number; readonly all?: boolean }
  | { readonly type: 'greet' }
  | { readonly type: 'thanks' }
  | { readonly type: 'help' }
  | { readonly type: 'offtopic' }
  /** Venting ("ugh, so tired"): a kind word back, nothing changes. */
  | { readonly type: 'vent' }
  /** Understood that it is about a task but not what to do: ask `question`. */
  | { readonly type: 'clarify'; readonly question: ClarifyReason }
  /** A line that could be a new task, but nothing says so: offer to add it. */
  | { readonly type: 'maybe_add'; readonly task: NewTask }
  | { readonly type: 'unknown' };

export type ClarifyReason =
  | { readonly kind: 'what_to_change'; readonly target: Target }
  | { readonly kind: 'which_task'; readonly action: 'complete' | 'reopen' | 'delete' | 'update' }
  | { readonly kind: 'bad_date'; readonly text: string }
  | { readonly kind: 'no_title' }
  /** "clean up my list": about every task, with no clear action. */
  | { readonly kind: 'vague_list' }
  /** "remind me" and nothing else. */
  | { readonly kind: 'remind_what' }
  /** A change to a reminder that could not be read. */
  | { readonly kind: 'which_reminder' };

/** A parsed message: its intents in order and the language to answer in. */
export interface Parsed {
  readonly lang: Lang;
  readonly intents: readonly Intent[];
}
