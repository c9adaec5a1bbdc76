import { formatWhen, type TimeContext } from '../../language';
import type { Lang } from '../../language/intent/types';
import type { ToolTask } from '../../tasks/tools';

/*
 * Every sentence the local agent says, in English, Urdu and Roman Urdu. Dates read the way the task list shows
 * them ("tomorrow at 5 pm", "Fri, Dec 4"), in the user's zone. A reply states exactly what changed and nothing more.
 */

export interface Voice {
  readonly lang: Lang;
  readonly time: TimeContext;
}

const quote = (title: string) => `“${title}”`;

export const when = (v: Voice, at: string | Date) =>
  formatWhen(at, { ...v.time, locale: v.lang === 'ur' ? 'ur' : 'en' });

/** "#3 Buy milk (due tomorrow at 9 am, high priority, #shopping)" — one task in a list or a question. */
export function taskLine(v: Voice, t: ToolTask): string {
  const bits: string[] = [];
  if (t.completed) bits.push(v.lang === 'ur' ? 'مکمل' : v.lang === 'roman' ? 'mukammal' : 'done');
  if (t.due_at)
    bits.push(`${v.lang === 'ur' ? 'آخری تاریخ' : v.lang === 'roman' ? 'due' : 'due'} ${when(v, t.due_at)}`);
  if (t.priority !== 'medium')
    bits.push(v.lang === 'ur' ? (t.priority === 'high' ? 'اہم' : 'کم اہم') : `${t.priority} priority`);
  if (t.tags.length) bits.push(t.tags.map((x) => `#${x}`).join(' '));
  return `- ${t.completed ? '✓ ' : ''}#${t.id} ${t.title}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

export const HELP_EN = [
  'I keep your to-do list. You can say things like:',
  '- "Add buy milk tomorrow at 5pm #shopping" or "add milk, eggs and bread"',
  '- "What\'s due today?", "show my high priority tasks", "anything overdue?", "find tasks about taxes"',
  '- "Mark task 3 as done", "I called the dentist", "reopen task 2"',
  '- "Move the report to Friday 3pm", "make it urgent", "tag task 4 as work", "rename task 1 to Call mom"',
  '- "Delete the meeting task", "delete all completed tasks" (I\'ll ask before changing several)',
  '- "Undo" reverts my last change.',
].join('\n');

const HELP_UR = [
  'میں آپ کے کاموں کی فہرست سنبھالتا ہوں۔ مثلاً:',
  '- "دودھ لینے کا ٹاسک شامل کریں"',
  '- "میرے کام دکھائیں"',
  '- "ٹاسک 3 مکمل کریں"',
  '- "ٹاسک 2 حذف کریں"',
].join('\n');

const HELP_ROMAN = [
  'Main aap ke tasks sambhalta hoon. Maslan:',
  '- "doodh lene ka task add karo"',
  '- "mere kaam dikhao"',
  '- "task 3 mukammal karo"',
  '- "task 2 delete karo"',
].join('\n');

const pick = (v: Voice, en: string, ur: string, roman: string) =>
  v.lang === 'ur' ? ur : v.lang === 'roman' ? roman : en;

/** The words for one changed (or newly set) field, in an update's reply or after "Added task N". */
export const field = {
  renamed: (v: Voice, title: string) =>
    pick(v, `renamed to ${quote(title)}`, `نیا نام ${quote(title)}`, `naya naam ${quote(title)}`),
  priority: (v: Voice, p: string) =>
    pick(
      v,
      `${p} priority`,
      p === 'high' ? 'اہم' : p === 'low' ? 'کم اہم' : 'عام اہمیت',
      p === 'high' ? 'zaroori' : p === 'low' ? 'kam zaroori' : 'aam ahmiyat',
    ),
  noDue: (v: Voice) => pick(v, 'no due date', 'کوئی آخری تاریخ نہیں', 'koi due date nahi'),
  due: (v: Voice, at: string) =>
    pick(v, `due ${when(v, at)}`, `آخری تاریخ ${when(v, at)}`, `due ${when(v, at)}`),
  tagged: (v: Voice, tags: string) => pick(v, `tagged ${tags}`, `ٹیگ ${tags}`, `tag ${tags}`),
  untagged: (v: Voice, tags: string) => pick(v, `removed ${tags}`, `${tags} ہٹا دیا`, `${tags} hata diya`),
  withNote: (v: Voice) => pick(v, 'with your note', 'آپ کے نوٹ کے ساتھ', 'aap ke note ke saath'),
  noteCleared: (v: Voice) => pick(v, 'note cleared', 'نوٹ ہٹا دیا', 'note hata diya'),
  noteUpdated: (v: Voice) => pick(v, 'note updated', 'نوٹ بدل دیا', 'note badal diya'),
  repeating: (v: Voice, summary: string) =>
    pick(v, `repeating ${summary}`, `دہرایا جائے گا: ${summary}`, `repeat hoga: ${summary}`),
  noRepeat: (v: Voice) => pick(v, 'no longer repeating', 'اب نہیں دہرایا جائے گا', 'ab repeat nahi hoga'),
  /** Joins the parts the way the language lists them. */
  join: (v: Voice, parts: readonly string[]) => parts.join(v.lang === 'ur' ? '، ' : ', '),
};

/** What a change to several tasks will do, said before asking to go ahead. */
export const plan = {
  delete: (v: Voice, n: number) =>
    pick(v, `This will delete ${tasks(n)}`, `${n} کام حذف ہوں گے`, `${n} tasks delete honge`),
  complete: (v: Voice, n: number) =>
    pick(v, `This will mark ${tasks(n)} as done`, `${n} کام مکمل ہوں گے`, `${n} tasks mukammal honge`),
  reopen: (v: Voice, n: number) =>
    pick(v, `This will reopen ${tasks(n)}`, `${n} کام دوبارہ کھلیں گے`, `${n} tasks dobara khulenge`),
  add: (v: Voice, n: number) =>
    pick(v, `This will add ${tasks(n)}`, `${n} کام شامل ہوں گے`, `${n} tasks add honge`),
  move: (v: Voice, n: number, to: string | null) =>
    pick(
      v,
      `This will move ${tasks(n)} to ${to ? when(v, to) : 'their new times'}`,
      `${n} کام ${to ? `${when(v, to)} پر` : 'نئے وقت پر'} منتقل ہوں گے`,
      `${n} tasks ${to ? `${when(v, to)} par` : 'naye waqt par'} shift honge`,
    ),
  priority: (v: Voice, n: number, p: string) =>
    pick(
      v,
      `This will set ${tasks(n)} to ${p} priority`,
      `${n} کاموں کی اہمیت بدلے گی: ${field.priority(v, p)}`,
      `${n} tasks ${field.priority(v, p)} honge`,
    ),
  change: (v: Voice, n: number) =>
    pick(v, `This will change ${tasks(n)}`, `${n} کام بدلیں گے`, `${n} tasks badlenge`),
  when: (v: Voice, title: string) =>
    pick(
      v,
      `When should I remind you about ${quote(title)}?`,
      `${quote(title)} کی یاد کب دلاؤں؟`,
      `${quote(title)} ki yaad kab dilaoon?`,
    ),
  guess: (v: Voice, verbIt: string) =>
    pick(
      v,
      `Did you mean this task? I'll ${verbIt}`,
      'کیا آپ کا مطلب یہ ٹاسک ہے؟',
      'Kya aap ka matlab yeh task hai?',
    ),
};

const tasks = (n: number) => `${n} task${n === 1 ? '' : 's'}`;

export const say = {
  help: (v: Voice) => pick(v, HELP_EN, HELP_UR, HELP_ROMAN),
  greet: (v: Voice) =>
    pick(
      v,
      'Hi! I can add, find, update and complete your tasks. What would you like to do?',
      'السلام علیکم! میں آپ کے کام شامل، تلاش، مکمل اور حذف کر سکتا ہوں۔ بتائیں کیا کرنا ہے؟',
      'Assalam o alaikum! Main aap ke tasks add, dikhana, mukammal aur delete kar sakta hoon. Batayen kya karna hai?',
    ),
  thanks: (v: Voice) =>
    pick(v, "You're welcome! Anything else on your list?", 'خوشی ہوئی! کچھ اور؟', 'Koi baat nahi! Aur kuch?'),
  offtopic: (v: Voice) =>
    pick(
      v,
      'Sorry, I can only help with your tasks — adding, finding, updating and completing them. Say "help" to see what I understand.',
      'معذرت، میں صرف آپ کے کاموں میں مدد کر سکتا ہوں۔',
      'Maazrat, main sirf aap ke tasks mein madad kar sakta hoon.',
    ),
  vent: (v: Voice) =>
    pick(
      v,
      "That sounds like a lot. One thing at a time — want me to show what's still pending?",
      'فکر نہ کریں، ایک ایک کر کے۔ کیا میں باقی کام دکھاؤں؟',
      'Fikar na karein, aik aik kar ke. Kya main baqi kaam dikhaoon?',
    ),
  unknown: (v: Voice, text: string) =>
    pick(
      v,
      `Sorry, I didn't understand "${text}", so I haven't changed anything. Try "add buy milk tomorrow", "what's pending?" or "mark task 2 done" — or say "help".`,
      'معذرت، میں سمجھ نہیں سکا، اس لیے کچھ نہیں بدلا۔ مثلاً "میرے کام دکھائیں" کہیں۔',
      'Maazrat, main samajh nahi saka, is liye kuch nahi badla. Maslan "mere kaam dikhao" kahen.',
    ),
  noTitle: (v: Voice) =>
    pick(
      v,
      'What should the task be called? For example: "add buy groceries tomorrow".',
      'ٹاسک کا نام کیا ہو؟',
      'Task ka naam kya ho?',
    ),
  vagueList: (v: Voice) =>
    pick(
      v,
      'What would you like me to do with your list? For example "delete all completed tasks", "show overdue tasks" or "move everything due today to tomorrow". Nothing changed.',
      'فہرست کے ساتھ کیا کروں؟ مثلاً "مکمل شدہ کام حذف کریں"۔ کچھ نہیں بدلا۔',
      'List ke saath kya karun? Maslan "completed tasks delete karo". Kuch nahi badla.',
    ),
  remindWhat: (v: Voice) =>
    pick(
      v,
      'What should I remind you about, and when? For example "remind me to call mom at 5pm" or "remind me 10 minutes before the dentist".',
      'کس بات کی یاد اور کب دلاؤں؟',
      'Kis cheez ki yaad aur kab dilaoon?',
    ),
  whichReminder: (v: Voice) =>
    pick(
      v,
      'Which task\'s reminder do you mean, and what should it be? For example "remind me 30 minutes before the dentist" or "stop reminding me about the gym". Nothing changed.',
      'کس ٹاسک کی یاد دہانی، اور کیا بدلوں؟ کچھ نہیں بدلا۔',
      'Kis task ka reminder, aur kya badloon? Kuch nahi badla.',
    ),
  remindWhen: (v: Voice) =>
    pick(
      v,
      'When should I remind you? For example "remind me at 5pm" or "remind me tomorrow at 9".',
      'کب یاد دلاؤں؟ مثلاً "شام 5 بجے یاد دلا دیں"۔',
      'Kab yaad dilaoon? Maslan "shaam 5 baje yaad dila dena".',
    ),
  remindWhenTask: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `When should I remind you about task ${id} ${quote(title)}? It has no due time. For example "remind me about it at 5pm". Nothing changed.`,
      `ٹاسک ${id} ${quote(title)} کی یاد کب دلاؤں؟ کچھ نہیں بدلا۔`,
      `Task ${id} ${quote(title)} ki yaad kab dilaoon? Kuch nahi badla.`,
    ),
  aboutTask: (v: Voice, id: number, title: string) =>
    pick(v, `Task ${id} ${quote(title)}:`, `ٹاسک ${id} ${quote(title)}:`, `Task ${id} ${quote(title)}:`),
  remindersOff: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Reminders for task ${id} ${quote(title)} are off. The task itself is unchanged.`,
      `ٹاسک ${id} ${quote(title)} کی یاد دہانی بند کر دی۔`,
      `Task ${id} ${quote(title)} ke reminders band kar diye.`,
    ),
  snoozed: (v: Voice, id: number, title: string, at: string) =>
    pick(
      v,
      `Snoozed: I'll remind you about task ${id} ${quote(title)} again ${at}.`,
      `ٹاسک ${id} ${quote(title)} کی یاد ${at} دوبارہ دلاؤں گا۔`,
      `Task ${id} ${quote(title)} ki yaad ${at} dobara dilaoon ga.`,
    ),
  snoozeWhich: (v: Voice) =>
    pick(
      v,
      'Which task\'s reminder should I snooze? Tell me its number or title, for example "snooze task 3 for 10 minutes".',
      'کس ٹاسک کی یاد دہانی مؤخر کروں؟ نمبر بتائیں۔',
      'Kis task ka reminder snooze karun? Number batayen.',
    ),
  added: (v: Voice, id: number, title: string, extras: readonly string[]) =>
    pick(
      v,
      `Added task ${id} ${quote(title)}${extras.length ? ` — ${extras.join(', ')}` : ''}.`,
      `ٹاسک ${id} ${quote(title)} شامل کر دیا${extras.length ? ` (${extras.join('، ')})` : ''}۔`,
      `Task ${id} ${quote(title)} add kar diya${extras.length ? ` (${extras.join(', ')})` : ''}.`,
    ),
  completed: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Marked task ${id} ${quote(title)} as done. Nice work!`,
      `ٹاسک ${id} ${quote(title)} مکمل کر دیا۔ شاباش!`,
      `Task ${id} ${quote(title)} mukammal kar diya. Shabash!`,
    ),
  alreadyDone: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Task ${id} ${quote(title)} was already done.`,
      `ٹاسک ${id} ${quote(title)} پہلے ہی مکمل ہے۔`,
      `Task ${id} ${quote(title)} pehle hi mukammal hai.`,
    ),
  reopened: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Reopened task ${id} ${quote(title)}: it's pending again.`,
      `ٹاسک ${id} ${quote(title)} دوبارہ کھول دیا۔`,
      `Task ${id} ${quote(title)} dobara khol diya.`,
    ),
  alreadyOpen: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Task ${id} ${quote(title)} is already pending.`,
      `ٹاسک ${id} ${quote(title)} پہلے ہی باقی ہے۔`,
      `Task ${id} ${quote(title)} pehle hi baqi hai.`,
    ),
  deleted: (v: Voice, id: number, title: string) =>
    pick(
      v,
      `Deleted task ${id} ${quote(title)}. Say "undo" to bring it back.`,
      `ٹاسک ${id} ${quote(title)} حذف کر دیا۔`,
      `Task ${id} ${quote(title)} delete kar diya. Wapas lane ke liye "undo" kahen.`,
    ),
  notFoundNumber: (v: Voice, id: number) =>
    pick(
      v,
      `I couldn't find task ${id}, so nothing changed. Say "show my tasks" to see your task numbers.`,
      `ٹاسک ${id} نہیں ملا، کچھ نہیں بدلا۔`,
      `Task ${id} nahi mila, kuch nahi badla.`,
    ),
  notFoundTitle: (v: Voice, phrase: string, kind: string) =>
    pick(
      v,
      `I couldn't find a ${kind}task matching "${phrase}", so nothing changed. Say "show my tasks" to see them all.`,
      `"${phrase}" سے ملتا کوئی ٹاسک نہیں ملا، کچھ نہیں بدلا۔`,
      `"${phrase}" se milta koi task nahi mila, kuch nahi badla.`,
    ),
  noContext: (v: Voice) =>
    pick(
      v,
      'Which task do you mean? Tell me its number or title, for example "task 3".',
      'کون سا ٹاسک؟ اس کا نمبر بتائیں۔',
      'Kaun sa task? Us ka number batayen.',
    ),
  nothingPending: (v: Voice) =>
    pick(
      v,
      "There's nothing waiting for your answer right now. What would you like to do?",
      'ابھی کوئی سوال باقی نہیں۔',
      'Abhi koi sawal baqi nahi.',
    ),
  whichCorrection: (v: Voice) =>
    pick(
      v,
      'I\'m not sure which change to fix, so I haven\'t changed anything. Tell me the task\'s number and what to do, for example "undo" or "mark task 2 as done".',
      'کون سی تبدیلی ٹھیک کروں؟ کچھ نہیں بدلا۔ ٹاسک کا نمبر اور کام بتائیں۔',
      'Kaun si tabdeeli theek karun? Kuch nahi badla. Task ka number aur kaam batayen.',
    ),
  cancelled: (v: Voice) =>
    pick(v, "OK, I won't change anything.", 'ٹھیک ہے، کچھ نہیں بدلا۔', 'Theek hai, kuch nahi badla.'),
  listEmpty: (v: Voice, what: string) =>
    pick(v, `You have no ${what}.`, 'کوئی کام نہیں ملا۔', 'Koi task nahi mila.'),
  listHead: (v: Voice, n: number, what: string, more: boolean) =>
    pick(v, `You have ${more ? 'more than ' : ''}${n} ${what}:`, `آپ کے ${n} کام:`, `Aap ke ${n} tasks:`),
  count: (v: Voice, n: number, what: string) =>
    pick(v, `You have ${n} ${what}.`, `آپ کے ${n} کام ہیں۔`, `Aap ke ${n} tasks hain.`),
  failed: (v: Voice, why: string) =>
    pick(
      v,
      `I couldn't do that: ${why}. Nothing else changed.`,
      `یہ نہیں ہو سکا: ${why}`,
      `Yeh nahi ho saka: ${why}`,
    ),
  /** An add the task quota stopped: named, since other adds of the same turn may have gone through. */
  noneToChange: (v: Voice, what: string) =>
    pick(
      v,
      `You have no ${what}, so nothing changed.`,
      'ایسا کوئی کام نہیں، کچھ نہیں بدلا۔',
      'Aisa koi task nahi, kuch nahi badla.',
    ),
  whichByWords: (v: Voice, words: string) =>
    pick(
      v,
      `Which task do you mean by "${words}"? Tell me its number.`,
      `"${words}" سے کون سا ٹاسک مراد ہے؟ نمبر بتائیں۔`,
      `"${words}" se kaun sa task? Number batayen.`,
    ),
  notChanged: (v: Voice, why: string) =>
    pick(v, `Not changed: ${why}.`, `نہیں بدلا: ${why}`, `Nahi badla: ${why}`),
  notOneOfThem: (v: Voice, verb: string, lines: readonly string[]) =>
    pick(
      v,
      [`That isn't one of them. Which one should I ${verb}? Reply with its number.`, ...lines].join('\n'),
      ['یہ ان میں سے نہیں۔ کون سا؟ نمبر بتائیں۔', ...lines].join('\n'),
      ['Yeh in mein se nahi. Kaun sa? Number batayen.', ...lines].join('\n'),
    ),
  numberAlone: (v: Voice, n: number) =>
    pick(
      v,
      `What would you like to do with task ${n}? For example "mark task ${n} as done" or "delete task ${n}".`,
      `ٹاسک ${n} کا کیا کروں؟ مثلاً "ٹاسک ${n} مکمل کریں" یا "ٹاسک ${n} حذف کریں"۔`,
      `Task ${n} ka kya karun? Maslan "task ${n} mukammal karo" ya "task ${n} delete karo".`,
    ),
  offerAdd: (v: Voice, title: string) =>
    pick(
      v,
      `Should I add ${quote(title)} as a new task? Reply "yes" to add it.`,
      `کیا ${quote(title)} نیا ٹاسک بنا دوں؟ "ہاں" کہیں۔`,
      `Kya ${quote(title)} naya task add kar doon? "haan" kahen.`,
    ),
  offerRename: (v: Voice, id: number, title: string, to: string) =>
    pick(
      v,
      `Rename task ${id} ${quote(title)} to ${quote(to)}? Reply "yes" to rename it.`,
      `ٹاسک ${id} ${quote(title)} کا نام ${quote(to)} کر دوں؟ "ہاں" کہیں۔`,
      `Task ${id} ${quote(title)} ka naam ${quote(to)} kar doon? "haan" kahen.`,
    ),
  badDate: (v: Voice, text: string) =>
    pick(
      v,
      `I couldn't read "${text}" as a date or time, so nothing changed. Try "tomorrow", "friday at 3pm" or "Dec 4".`,
      `"${text}" سے کوئی تاریخ یا وقت سمجھ نہیں آیا، کچھ نہیں بدلا۔ مثلاً "کل شام 5 بجے"۔`,
      `"${text}" se koi tareekh ya waqt samajh nahi aya, kuch nahi badla. Maslan "kal shaam 5 baje".`,
    ),
  whatToChange: (v: Voice, task: { id: number; title: string } | null) =>
    pick(
      v,
      `What should I change about ${task ? `task ${task.id} ${quote(task.title)}` : 'that task'}? For example its title ("rename it to …"), due date ("move it to friday 3pm"), priority ("make it high priority") or tags.`,
      `${task ? `ٹاسک ${task.id} ${quote(task.title)}` : 'اس ٹاسک'} میں کیا بدلوں؟ مثلاً نام، تاریخ یا اہمیت۔`,
      `${task ? `Task ${task.id} ${quote(task.title)}` : 'Is task'} mein kya badlun? Maslan naam, tareekh ya ahmiyat.`,
    ),
  updated: (v: Voice, id: number, title: string, what: string) =>
    pick(
      v,
      `Updated task ${id} ${quote(title)}: ${what}.`,
      `ٹاسک ${id} ${quote(title)} بدل دیا: ${what}۔`,
      `Task ${id} ${quote(title)} badal diya: ${what}.`,
    ),
  notAdded: (v: Voice, title: string, why: string) =>
    pick(
      v,
      `I couldn't add “${title}”: ${why}.`,
      `“${title}” شامل نہیں ہو سکا: ${why}`,
      `“${title}” add nahi ho saka: ${why}`,
    ),
  which: (v: Voice, verb: string, lines: readonly string[]) =>
    pick(
      v,
      [`Several tasks match. Which one should I ${verb}? Reply with its number.`, ...lines].join('\n'),
      ['کئی ٹاسک ملتے ہیں۔ کون سا؟ نمبر بتائیں۔', ...lines].join('\n'),
      ['Kai tasks milte hain. Kaun sa? Number batayen.', ...lines].join('\n'),
    ),
  confirm: (v: Voice, summary: string, lines: readonly string[]) =>
    pick(
      v,
      [`${summary}:`, ...lines, 'Shall I go ahead? Reply "yes" to confirm or "no" to cancel.'].join('\n'),
      [`${summary}:`, ...lines, 'کیا میں یہ کر دوں؟ "ہاں" یا "نہیں" کہیں۔'].join('\n'),
      [`${summary}:`, ...lines, 'Kya main yeh kar doon? "haan" ya "nahi" kahen.'].join('\n'),
    ),
  undone: (v: Voice, n: number) =>
    pick(
      v,
      `Undone: ${n === 1 ? 'I reverted the last change' : `I reverted the last ${n} changes`}.`,
      'پچھلی تبدیلی واپس کر دی۔',
      'Pichli tabdeeli wapas kar di.',
    ),
  nothingToUndo: (v: Voice) =>
    pick(
      v,
      "There's nothing to undo in this conversation.",
      'واپس کرنے کو کچھ نہیں۔',
      'Wapas karne ko kuch nahi.',
    ),
};
