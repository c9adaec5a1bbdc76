/*
 * Cleaning a message before it is read: the words people mistype most often in a todo chat, the padding around a
 * request ("hey, could you please …"), and Eastern Arabic digits. Titles keep the user's own casing.
 */

/** Frequent misspellings of the words the parser keys on (whole words, any case). */
const TYPOS: Readonly<Record<string, string>> = {
  taks: 'task',
  tsak: 'task',
  tasl: 'task',
  taskss: 'tasks',
  taksk: 'tasks',
  tsks: 'tasks',
  delte: 'delete',
  delet: 'delete',
  dlete: 'delete',
  deleet: 'delete',
  deletee: 'delete',
  detele: 'delete',
  remvoe: 'remove',
  remoev: 'remove',
  rmove: 'remove',
  compelte: 'complete',
  complet: 'complete',
  comlete: 'complete',
  completd: 'completed',
  compeleted: 'completed',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorrw: 'tomorrow',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  '2morrow': 'tomorrow',
  '2moro': 'tomorrow',
  tonite: 'tonight',
  dne: 'done',
  doen: 'done',
  donw: 'done',
  dnoe: 'done',
  todya: 'today',
  tody: 'today',
  pls: 'please',
  plz: 'please',
  plez: 'please',
  shw: 'show',
  sho: 'show',
  lsit: 'list',
  lst: 'list',
  wat: 'what',
  wht: 'what',
  whats: "what's",
  mrk: 'mark',
  makr: 'mark',
  finsh: 'finish',
  finshed: 'finished',
  finised: 'finished',
  udpate: 'update',
  upate: 'update',
  updte: 'update',
  chnage: 'change',
  cahnge: 'change',
  chang: 'change',
  priorty: 'priority',
  prority: 'priority',
  priroity: 'priority',
  pririty: 'priority',
  prio: 'priority',
  addd: 'add',
  creat: 'create',
  craete: 'create',
  ceate: 'create',
  remidn: 'remind',
  remnd: 'remind',
  rmind: 'remind',
  reschedual: 'reschedule',
  reshedule: 'reschedule',
  resched: 'reschedule',
  pendng: 'pending',
  pening: 'pending',
  overdeu: 'overdue',
  ovredue: 'overdue',
  urgnet: 'urgent',
  urgant: 'urgent',
  importnat: 'important',
  undoo: 'undo',
  renmae: 'rename',
  shwo: 'show',
  sohw: 'show',
  hsow: 'show',
  lits: 'list',
  reanme: 'rename',
  rnameme: 'rename',
  anythng: 'anything',
  anyting: 'anything',
  evrything: 'everything',
  everyting: 'everything',
  somthing: 'something',
  recieve: 'receive',
  u: 'you',
  ur: 'your',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thanks',
  tysm: 'thanks',
};

const TYPO_RE = new RegExp(
  `(?<![\\p{L}\\p{N}#'])(?:${Object.keys(TYPOS).join('|')})(?![\\p{L}\\p{N}'])`,
  'giu',
);

/** "Hey, could you please …", "ok so …": words around a request that carry no meaning for it. */
const LEAD =
  /^(?:(?:hey|hi|hello|yo|ok(?:ay)?|so|um+|uh+|hmm+|well|alright|right|oh|and|also|anyway|anyhow|now|actually|wait|sorry|oops|quick(?:ly)?|btw|pls|please|kindly|just|wrong\s+one|my\s+bad|my\s+mistake)\b[\s,.!:;-]*|(?:(?:can|could|would|will)\s+(?:you|u)|(?:can|could|may)\s+i\s+(?:ask\s+you\s+to|get\s+you\s+to)|i(?:'d| would)\s+like\s+(?:you\s+)?to|i\s+want\s+you\s+to|i\s+need\s+you\s+to|go\s+ahead\s+and|help\s+me)\s+(?:please\s+)?)/i;
const TAIL =
  /(?:[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|for\s+me|asap\s+please|if\s+you\s+can|if\s+possible|ok\??|okay\??|real\s+quick|actually|then|now))+$|[\s.!?,;]+$/i;

/** ٠١٢… and ۰۱۲… (Urdu, Persian) → 0–9. */
const toWesternDigits = (s: string) =>
  s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours: "taks", "lsit"), stopping early
 * once it is over `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * The closed vocabulary typos are fixed against: command verbs where a request starts, and the nouns an add
 * names ("add a tsk to …"). Titles are never touched.
 */
const COMMAND_VERBS = [
  'add',
  'create',
  'delete',
  'remove',
  'complete',
  'finish',
  'mark',
  'show',
  'list',
  'update',
  'change',
  'rename',
  'reschedule',
  'move',
  'undo',
  'remind',
  'postpone',
  'cancel',
  'scratch',
  'reopen',
  'uncomplete',
  'prioritize',
];
const ADD_NOUNS = ['task', 'tasks', 'todo', 'reminder'];
/**
 * Real words one typo away from a command word, which people start a to-do with ("clean", "lift", "shop",
 * "charge the car", "compete in the 10k"). Checked against a 270,000-word English list: the others within reach
 * are rare or archaic ("chaunge", "scraich").
 */
const REAL_WORDS = new Set(
  'clean clear lift last lost mist mask mast more love shop shot snow slow stow cancer chance remote rewind finnish crate grate ado undue tag talk tax test toad today dad how sow lit ark mar row charge crease cremate compete competed competes complexes couplets deplete postcode posthole priorities remand rebind refind chancel schedule'.split(
    ' ',
  ),
);
/** Words after which the next one is where a request's verb stands. */
const VERB_BEFORE = /^(?:please|pls|you|u|and|then|also|just|now|ok|okay|so|quickly|hey)$/i;

/** The command word `word` is a typo of, or null; short words only by swapped letters, longer ones by one edit. */
function commandTypo(word: string, vocab: readonly string[]): string | null {
  const w = word.toLowerCase();
  if (w.length < 3 || !/^[a-z]+$/.test(w) || vocab.includes(w) || REAL_WORDS.has(w)) return null;
  // "reminder", "finished", "changes": a command word with an ending is a real word, not a typo.
  if (vocab.some((v) => w.startsWith(v) || w.startsWith(v.replace(/e$/, '')))) return null;
  // "undelete", "unmark", "remark": a command word inside a longer word is another word, often its opposite.
  if (vocab.some((v) => w.includes(v))) return null;
  const near = vocab.filter((v) => {
    // Two edits only for a long command word and a word as long: "delegate" is not a typo of "delete".
    const max = v.length >= 8 && w.length >= 8 ? 2 : 1;
    const d = editDistance(w, v, max);
    if (d > max) return false;
    // "lsit", "tsk": four letters or fewer are fixed only when two letters were swapped or one left out.
    const swapped = w.length === v.length && [...w].sort().join('') === [...v].sort().join('');
    return w.length > 4 || swapped || w.length === v.length - 1;
  });
  return near.length === 1 ? near[0]! : null;
}

/** "delte task 2", "pls mrak it done", "add a tsk to …": command words mistyped where a command word stands. */
function fixCommandWords(text: string): string {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const prev = words[i - 1]?.toLowerCase().replace(/[,.!:]+$/, '');
    const atVerb = i === 0 || (prev !== undefined && VERB_BEFORE.test(prev) && i <= 3);
    const verb = atVerb ? commandTypo(words[i]!, COMMAND_VERBS) : null;
    if (verb) {
      words[i] = verb;
      continue;
    }
    // "add a tsk to", "create new todo called": the noun of an add, before what names it.
    const lead = words.slice(Math.max(0, i - 2), i).map((w) => w.toLowerCase());
    if (
      lead.some((w) => w === 'add' || w === 'ad' || w === 'create') &&
      /^(?:to|called|named|titled|:)$/i.test(words[i + 1] ?? '')
    ) {
      const noun = commandTypo(words[i]!.replace(/:$/, ''), ADD_NOUNS);
      if (noun) words[i] = noun + (words[i]!.endsWith(':') ? ':' : '');
    }
  }
  return words.join(' ');
}

/** Fixes typos and collapses spaces; keeps everything else (titles keep their case). */
export function normalize(message: string): string {
  return fixCommandWords(normalizeText(message));
}

function normalizeText(message: string): string {
  return toWesternDigits(message)
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TYPO_RE, (w) => {
      const fixed = TYPOS[w.toLowerCase()]!;
      return w[0] === w[0]!.toUpperCase() && w[0] !== w[0].toLowerCase()
        ? fixed[0]!.toUpperCase() + fixed.slice(1)
        : fixed;
    });
}

/** Drops the padding around a request: "hey, could you please add milk thanks!" → "add milk". */
export function stripPadding(text: string): string {
  let s = text.trim();
  for (let i = 0; i < 6; i++) {
    const before = s;
    s = s.replace(LEAD, '').replace(TAIL, '').trim();
    if (s === before) break;
  }
  return s;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
};

/** "3", "three", "a couple" → a number; null for anything else. */
export function countWord(word: string): number | null {
  const w = word.toLowerCase().replace(/^a\s+/, '');
  if (/^\d{1,3}$/.test(w)) return Number(w);
  return WORD_NUMBERS[w] ?? null;
}

export const ORDINALS: Readonly<Record<string, number>> = {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
  sixth: 5,
  '6th': 5,
  last: -1,
  final: -1,
};

/** Upper-cases the first letter: task titles read as sentences. */
export const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Strips one pair of surrounding quotes. */
export const unquote = (s: string) =>
  s
    .trim()
    .replace(/^(["'`])(.*)\1$/s, '$2')
    .trim();
