import type { ActivityAction, Task } from '@todo/shared';
import { pageTranslator, type Translate } from '@/i18n/client';
import type { Announcement } from './announce';

/* The words of announcements and their way to the live region (see announce.ts); loaded after the page. */

/** "Completed task 3: Buy milk" (the catalog's `announce` namespace has one message per action). */
export function taskChangeText(
  action: ActivityAction,
  task: Pick<Task, 'id' | 'title'>,
  t: Translate = pageTranslator('announce'),
): string {
  return t(action, { id: task.id, title: task.title });
}

/**
 * Markdown as it should be heard: the words without the marks around them (`**`, backticks, list bullets, link
 * targets, table rules). Good enough for speech; the log shows the formatted reply.
 */
export function speechText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, '')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\|/g, ' ')
    .replace(/(\*\*|\*|~~|`)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

// A change this page made arrives twice: as the answer to its request and as a live event. The first is told;
// the second is recognised by the task's id and updated_at (the same row) and stays quiet.
const TOLD_FOR_MS = 30_000;
const changeKey = (action: ActivityAction, task: Pick<Task, 'id' | 'updated_at'>) =>
  action === 'deleted' ? `${task.id}:deleted` : `${task.id}:${task.updated_at}`;

/** Turns announcements into what to say; remembers task changes already told. */
export function createTeller(t: Translate = pageTranslator('announce')) {
  const told = new Map<string, number>();
  const remember = (key: string, now: number) => {
    for (const [k, t] of told) if (now - t > TOLD_FOR_MS) told.delete(k);
    told.set(key, now);
  };
  /** The words to say, or null when there is nothing new to say. */
  return function tell(a: Announcement, now = Date.now()): string | null {
    switch (a.kind) {
      case 'text':
        return a.text;
      case 'reply':
        return t('reply', { text: speechText(a.markdown) });
      case 'told':
        remember(changeKey(a.action, a.task), now);
        return null;
      case 'task': {
        const key = changeKey(a.action, a.task);
        const at = told.get(key);
        if (at !== undefined && now - at <= TOLD_FOR_MS) return null;
        remember(key, now);
        return taskChangeText(a.action, a.task, t);
      }
    }
  };
}

// The last few stay, so two changes in quick succession (a task added, then the reply about it) are both read.
const KEEP = 3;

/** Speaks announcements as new lines of the page's live region (#announcer), when the page has one. */
export function speaker(): (a: Announcement) => void {
  const tell = createTeller();
  return (a) => {
    const text = tell(a);
    const region = document.getElementById('announcer');
    if (!text || !region) return;
    const line = document.createElement('p');
    line.textContent = text;
    region.append(line);
    while (region.childElementCount > KEEP) region.firstElementChild?.remove();
  };
}
