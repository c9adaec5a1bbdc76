import type { ActivityAction, Task } from '@todo/shared';
import { afterLoad } from './after-load';

/*
 * What a screen reader should hear about changes the person did not move the focus to: a finished assistant reply,
 * a task added, completed, changed or deleted (here or elsewhere). Panels post what happened; the page's one
 * polite live region (#announcer, components/Announcer.tsx) speaks it, worded by announce-text.ts, which loads
 * after the page (nothing happens to say before). The chat log itself stays quiet, so a streamed reply is not read
 * out word by word. Only this small bus is part of the first load of `/`, which has a budget.
 */

type TaskRef = Pick<Task, 'id' | 'title' | 'updated_at'>;

export type Announcement =
  | { kind: 'text'; text: string }
  /** A finished reply, in Markdown: read as plain words. */
  | { kind: 'reply'; markdown: string }
  /** A task changed; told once, however many times it is reported (answer and live event). */
  | { kind: 'task'; action: ActivityAction; task: TaskRef }
  /** A change told another way (the undo toast): its live event stays quiet. */
  | { kind: 'told'; action: ActivityAction; task: TaskRef };

let speak: ((a: Announcement) => void) | undefined;
if (typeof window !== 'undefined') {
  afterLoad(() => void import('./announce-text').then((m) => (speak = m.speaker())));
}

/** Posts an announcement to the page's live region (nothing happens on a page without one). */
export function announce(a: Announcement): void {
  speak?.(a);
}
