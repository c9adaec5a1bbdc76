import { CONVERSATION_TITLE_MAX } from '@todo/shared';
import type { TimeContext } from '../language';
import { parseMessage } from '../language/intent/parse';

/*
 * A new conversation is titled from its first message. When that message adds or reminds of tasks, the title is
 * what it is about ("Buy milk, Call mom"), as the language layer reads it, not the request's wording ("hey can you
 * add a task to buy milk tomorrow"); anything else keeps its first line. Both agents get the same title: it is
 * decided before the agent runs, with no model call.
 */

/** `text` cut to the title length at a word boundary. */
export function clipTitle(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  if (line.length <= CONVERSATION_TITLE_MAX) return line;
  const cut = line.slice(0, CONVERSATION_TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > CONVERSATION_TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/** A title from the first message: its first line, cut at a word boundary. */
export const titleFrom = (message: string): string => clipTitle(message.trim().split('\n')[0]!);

/** The title of a conversation that starts with `message`. */
export function conversationTitle(message: string, time: TimeContext): string {
  // The first line, like titleFrom: a pasted list is titled by its heading, not by its items.
  const parsed = parseMessage(message.trim().split('\n')[0]!, time);
  const tasks = parsed.intents.flatMap((intent) =>
    intent.type === 'add'
      ? intent.tasks.map((t) => t.title)
      : intent.type === 'remind'
        ? [intent.task.title]
        : [],
  );
  return tasks.length > 0 ? clipTitle(tasks.join(', ')) : titleFrom(message);
}
