import type { ToolTask } from '../../tasks/tools';

/*
 * Which of the user's tasks a phrase names. People shorten titles ("the dentist one"), inflect them ("buying
 * groceries" for "Buy groceries"), use a synonym for the verb ("got the milk") or mistype a letter. A match must
 * cover every meaningful word of the phrase; when several tasks match equally, the caller asks which one.
 */

const STOPWORDS = new Set(
  'the a an my our your his her their to do for of on in at with that this these those it task tasks todo todos item one thing and or from up about some any'.split(
    ' ',
  ),
);

/** Verbs people swap for one another when they report a task done. */
const SYNONYMS: Readonly<Record<string, string>> = {
  get: 'buy',
  purchase: 'buy',
  grab: 'buy',
  pick: 'buy',
  phone: 'call',
  ring: 'call',
  rang: 'call',
  text: 'message',
  msg: 'message',
  mail: 'email',
  e: 'email',
  finish: 'do',
  complete: 'do',
  submit: 'send',
  hand: 'send',
  tidy: 'clean',
  wash: 'clean',
  fix: 'repair',
  groceries: 'grocery',
};

/** Crude stemmer: enough for "buying groceries" to meet "Buy groceries". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('es') && /(?:ch|sh|ss|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return SYNONYMS[w] ?? w;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
export const keyWords = (s: string) =>
  words(s)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
const normalized = (s: string) => words(s).join(' ');
/** "pick up" → "pickup", "set up" → "setup": people write a phrasal verb as one word, or the other way round. */
const joinedPairs = (s: string) => {
  const w = words(s);
  return w.slice(1).map((x, i) => stem(`${w[i]}${x}`));
};

/** One edit apart (a typo), for words long enough that this is not a different word. */
function nearly(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}

const covers = (have: readonly string[], want: readonly string[]) =>
  want.every((w) => have.some((h) => nearly(h, w) || (w.length >= 4 && h.startsWith(w))));

/** Tasks whose title (or, failing that, notes) `phrase` names; an exact title wins outright. */
export function matchTasks(tasks: readonly ToolTask[], phrase: string): ToolTask[] {
  const exact = tasks.filter((t) => normalized(t.title) === normalized(phrase));
  if (exact.length > 0) return exact;
  const want = keyWords(phrase);
  if (want.length === 0) return [];
  // A task's tags count as its words too: "the work stuff" names the tasks tagged work.
  const byTitle = tasks.filter((t) =>
    covers([...keyWords(t.title), ...joinedPairs(t.title), ...t.tags.map(stem)], want),
  );
  if (byTitle.length > 0) return byTitle;
  // "I bought the milk" for "Buy milk and eggs" is covered above; "call about the car" for "Call garage":
  // every title word in the phrase also counts, when the title has at least two words.
  const within = tasks.filter((t) => {
    const title = keyWords(t.title);
    return title.length >= 2 && covers(want, title);
  });
  if (within.length > 0) return within;
  return tasks.filter((t) => t.description && covers(keyWords(t.description), want));
}

/**
 * For a paraphrase ("bought the groceries" → "buy grocery"): the verb may differ or be missing in the title, so
 * the object words must all match and the verb counts only to break ties.
 */
export function matchParaphrase(tasks: readonly ToolTask[], phrase: string): ToolTask[] {
  const [verb, ...object] = keyWords(phrase);
  if (!verb) return [];
  const full = matchTasks(tasks, phrase);
  if (full.length > 0) return full;
  if (object.length === 0) return [];
  return tasks.filter((t) => covers(keyWords(t.title), object));
}
