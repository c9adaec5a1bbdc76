import type { TimeContext } from '../types';
import { clockText, parseDatePhrase, parseTimeOfDay } from '../index';
import { parseNewTask } from './fields';
import { capitalize } from './normalize';
import { AT_DUE, leadTime, SNOOZE_DEFAULT_MINUTES, snoozeMinutes } from './remind';
import { parseTarget } from './target';
import type { Changes, Filter, Intent, Lang, NewTask, Parsed, Target } from './types';

/*
 * Urdu (Arabic script) and Roman Urdu: the requests people make most — add, list, complete, delete, undo — in the
 * word order Urdu uses (object first, verb last: "doodh lene ka task add karo", "task 3 mukammal karo"). The
 * reply is written in the same script the user typed.
 */

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** Roman Urdu words that English messages do not contain. */
const ROMAN_MARKERS =
  /\b(?:le\s+(?:li|liya|lia|aaya|aya)|kar\s+(?:li|liya|lia)|de\s+(?:diya|dia)|karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|dikhao|dikhaen|dikhain|dikhayen|dikhaiye|batao|bataen|bataiye|mere|meray|mera|meri|hatao|hata\s+do|mita\s+do|mitao|mukammal|khatam|ho\s+gaya|hogaya|ho\s+gya|ka\s+task|ki\s+task|ke\s+task|kaam|kam\s+dikhao|shamil|daal\s+do|dal\s+do|likh\s+lo|likho|baqi|baaki|baki|wapas|kal|aaj|parson|kya\s+hai|hain|hai\s+kya|sab|saare|sare|lene|karna|jana|dena|jama|kar\s+di|kar\s+diya|de\s+di|ho\s+gayi|hai|yaad|yad|dila(?:na|o|do|dena|dein|den|diyo)|pehle|pehlay|baje|laga\s+do|lagao|bana\s+do|rakh\s+do|rakho|zaroori|isay|isko|usay|usko|khol\s+do|phir\s+se|dobara|naam\s+badal|(?:task|kaam)\s+\d+\s+(?:ko|ka|ki))\b/i;

/** Urdu (script) keywords, normalised from the common spellings. */
// "کر دیں" and "کردیں" are both common: the suffix may or may not stand apart.
const KAR = String.raw`کر\s*(?:و|یں|دیں|دو|دیجیے)`;
const U = {
  add: new RegExp(
    String.raw`(?:شامل\s*${KAR}|ایڈ\s*${KAR}|درج\s*${KAR}|لکھ\s*(?:لو|لیں|دو|دیں)|بنا\s*(?:ؤ|و|ئیں|دیں|دو|دیجیے))`,
  ),
  list: /(?:دکھا(?:ؤ|و|ئیں|ئے|دیں|دو|یں)|دکھائیے|بتا(?:ؤ|و|ئیں|دیں)|فہرست)/,
  complete: new RegExp(
    String.raw`(?:مکمل\s*(?:${KAR}|ہو\s*گیا|ہوگیا|ہو\s*گئی)?|ختم\s*(?:${KAR}|ہو\s*گیا)|ہو\s*گیا)`,
  ),
  delete: new RegExp(String.raw`(?:حذف\s*${KAR}|ہٹا\s*(?:ؤ|و|دیں|دو)|مٹا\s*(?:ؤ|و|دیں|دو)|ڈیلیٹ\s*${KAR})`),
  undo: /^(?:واپس\s*کر(?:و|یں|دیں)|انڈو|پچھلا\s*کام\s*واپس)/,
  reopen: new RegExp(String.raw`(?:(?:دوبارہ|پھر\s*سے)\s*کھول\s*(?:دیں|دو|یں)|نامکمل\s*${KAR})`),
  pending: /(?:باقی|زیر\s*التوا|نامکمل)/,
  done: /(?:مکمل\s*شدہ|ہو\s*چکے|مکمل\s*ہوئے|مکمل\s+(?:کام|ٹاسک))/,
  today: /آج/,
  tomorrow: /(?:کل)/,
  task: /(?:ٹاسک|کام|ٹاسکس|کاموں)/,
};

const R = {
  add: /\b(?:add|shamil|daal|dal|likh|bana|banao|create)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|do|dein|den|lo|lein|de)\b|\b(?:likh\s+lo|likho|banao)\b/i,
  list: /\b(?:dikhao|dikhaen|dikhain|dikhayen|dikhaiye|dikha\s+do|dikha\s+den|batao|bataen|bataiye|bata\s+do|list\s+karo|show\s+karo)\b/i,
  complete:
    /\b(?:mukammal|khatam|complete|done|pura|poora)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|ho\s+gaya|hogaya|ho\s+gya|hai)?\b|\bho\s+(?:gaya|gaye|gayi|gai)\b|\bhogaya\b|\b(?:kar\s+(?:di|diya|dia|li|liya|lia|chuka|chuki)|de\s+(?:di|diya|dia)|le\s+(?:li|liya|aaya|aya))\s*(?:hai|hay|he|hain)?\s*$/i,
  delete:
    /\b(?:delete|hatao|hata\s+do|hata\s+den|mita\s+do|mitao|mita\s+den|remove|khatam)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye)?\b/i,
  undo: /^(?:undo|wapas)\s*(?:karo|kardo|kar\s+do|kar\s+den|karen|karein)?$/i,
  reopen:
    /\b(?:(?:dobara|phir\s+se)\s+(?:khol|open)\s*(?:do|dein|den|o)?|reopen\s*(?:karo|kar\s+do|kardo)?|(?:adhoora|na\s*mukammal)\s+(?:kar\s+do|karo|kardo))\b/i,
  pending: /\b(?:baqi|baaki|baki|pending|rehte|reh\s+gaye|adhoore|adhure)\b/i,
  done: /\b(?:mukammal\s+shuda|mukammal(?=\s+(?:kaam|kam|tasks?)\b)|ho\s+chuke|complete\s+ho\s+gaye|khatam\s+ho\s+gaye|done)\b/i,
  today: /\baaj\b/i,
  tomorrow: /\bkal\b/i,
};

/**
 * An ordinal at the start, naming a task by its place in the last list: "دوسرا کام", "pehla wala", "aakhri task".
 * Only with that word after it: "pehle doodh lena ho gaya" is "first, the milk is done", not "the first one".
 */
const URDU_ORDINAL =
  /^(پہل[اییے]|دوسر[اییے]|تیسر[اییے]|چوتھ[اییے]|آخری|pehl[aie]|pahl[aie]|doosr[aie]|dusr[aie]|teesr[aie]|tisr[aie]|chauth[aie]|aakhri|akhri)(?=\s+(?:wala|wali|wale|waala|waali|waale|kaam|kam|task|ٹاسک|کام|والا|والی|والے)(?:\s|$))/iu;
const ORDINAL_STEMS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:پہل|peh|pah)/iu, 0],
  [/^(?:دوسر|doo|dus)/iu, 1],
  [/^(?:تیسر|tee|tis)/iu, 2],
  [/^(?:چوتھ|chau)/iu, 3],
  [/^(?:آخری|aakh|akh)/iu, -1],
];
const ordinalIndex = (word: string) => ORDINAL_STEMS.find(([re]) => re.test(word))![1];

/** A part of the day opening the words after "aaj"/"kal" ("subah", "shaam", "رات"), with no hour after it. */
const PART_FIRST =
  /^(subah|subha|dopahar|dopehar|dophar|sham|shaam|raat|rat|صبح|دوپہر|شام|رات)\s+(?!\S+\s*(?:baje|bje|بجے))/iu;
const PART_NAMES: Readonly<Record<string, string>> = {
  subah: 'morning',
  subha: 'morning',
  صبح: 'morning',
  dopahar: 'afternoon',
  dopehar: 'afternoon',
  dophar: 'afternoon',
  دوپہر: 'afternoon',
  sham: 'evening',
  shaam: 'evening',
  شام: 'evening',
  raat: 'night',
  rat: 'night',
  رات: 'night',
};

const ctxTarget: Target = { kind: 'context', plural: false };

/** "isay", "usko", "اسے": the task just talked about. */
const PRONOUN =
  /^(?:isay|ise|isey|isko|is\s+ko|usay|use|usey|usko|us\s+ko|اسے|اس\s*کو|انہیں|inhen|inhein|unhen)$/iu;

/**
 * The task(s) Urdu or Roman Urdu words name: "ٹاسک 3" / "task 3" by number, "isay" / "اسے" the one just talked
 * about, "doosra" the second of the last list, anything else words of a title.
 */
function urduTarget(words: string, lang: Lang): Target | null {
  const w = words.trim();
  const number = /^(?:ٹاسک|کام|task|kaam|number|نمبر)\s*(?:نمبر\s*|number\s*)?#?(\d{1,6})$/iu.exec(w);
  if (number) return { kind: 'numbers', numbers: [Number(number[1])] };
  if (PRONOUN.test(w)) return ctxTarget;
  const ord = /^\S+$/u.test(w) ? URDU_ORDINAL.exec(`${w} ${lang === 'ur' ? 'کام' : 'kaam'}`) : null;
  if (ord) return { kind: 'ordinal', index: ordinalIndex(ord[1]!) };
  return parseTarget(w);
}

/** "3", "task 3", "ٹاسک 3", "number 3" in a message. */
const NUMBER = /(?:task|ٹاسک|number|نمبر|#)?\s*#?(\d{1,6})/i;

function filterOf(text: string, lang: Lang): Filter {
  const p = lang === 'ur' ? U : R;
  const status = p.done.test(text) ? 'completed' : p.pending.test(text) ? 'pending' : 'all';
  const due = p.today.test(text) ? 'today' : p.tomorrow.test(text) ? 'tomorrow' : undefined;
  return { status: due && status === 'all' ? 'pending' : status, ...(due ? { due } : {}) };
}

/** The words before "ka task add karo" / "کا ٹاسک شامل کریں": the title. */
function titleBefore(text: string, verb: RegExp, lang: Lang): string {
  const m = verb.exec(text);
  let head = (m ? text.slice(0, m.index) : text).trim();
  head =
    lang === 'ur'
      ? head
          .replace(/[،,]\s*(?:ایک\s+)?(?:ٹاسک|کام)\s*$/, '')
          .replace(/\s*(?:والا|والی|والے)\s*(?:ٹاسک|کام)\s*$/, '')
          .replace(/\s*(?:کا|کی|کے)?\s*(?:ایک\s+)?(?:نیا\s+)?(?:ٹاسک|کام)\s*$/, '')
          .replace(/^(?:ایک\s+)?(?:ٹاسک|کام)\s*(?:نمبر)?\s*[:：]?\s*/, '')
          .replace(/[،,]\s*$/, '')
      : head
          .replace(/^(?:please|pls|plz|zara|bhai|yaar)\s+/i, '')
          .replace(
            /\s*(?:ka|ki|ke|wala|wali|wale|waala|waali|waale)?\s*(?:ek\s+)?(?:naya\s+)?(?:task|kaam|kam|reminder)\s*$/i,
            '',
          )
          .replace(/\s+(?:wala|wali|wale|waala|waali|waale)$/i, '')
          // "school fees jama kar di": the noun half of a compound verb is not part of the title.
          .replace(/\s+(?:jama|ada|saaf|tayyar|tayar|band|wapas|poori|puri)$/i, '')
          .replace(/^(?:ek\s+)?(?:task|kaam)\s*[:]?\s*/i, '');
  // "task add karo: doodh lena" — the title after the verb.
  if (!head && m)
    head = text
      .slice(m.index + m[0].length)
      .replace(/^[\s:：-]+/, '')
      .trim();
  return head;
}

const URDU_DAYS: Readonly<Record<string, string>> = {
  آج: 'today',
  کل: 'tomorrow',
  پرسوں: 'day after tomorrow',
  aaj: 'today',
  kal: 'tomorrow',
  parson: 'day after tomorrow',
};

/** Urdu/Roman Urdu → intents, or null when the message is not Urdu. */
export function parseUrdu(text: string, ctx: TimeContext): Parsed | null {
  const lang: Lang | null = ARABIC_SCRIPT.test(text) ? 'ur' : ROMAN_MARKERS.test(text) ? 'roman' : null;
  if (!lang) return null;
  const p = lang === 'ur' ? U : R;
  const t = text.replace(/[۔؟!?.]+$/u, '').trim();
  const one = (intent: Intent): Parsed => ({ lang, intents: [intent] });

  if (p.undo.test(t)) return one({ type: 'undo', groups: 1 });
  if (
    /^(?:salam|salaam|assalam[ou]?\s*[ou]?\s*alaikum|aoa|السلام\s*علیکم|سلام)\b/i.test(t) &&
    t.split(/\s+/).length <= 4
  )
    return one({ type: 'greet' });
  if (/^(?:shukriya|shukria|bohat\s+shukriya|شکریہ|بہت\s+شکریہ)/i.test(t)) return one({ type: 'thanks' });
  if (/^(?:haan|han|ji|ji\s+haan|jee|theek\s+hai|thik\s+hai|kar\s+do|ہاں|جی|جی\s+ہاں|ٹھیک\s+ہے)$/i.test(t))
    return one({ type: 'confirm' });
  if (/^(?:nahi|nahin|nai|mat\s+karo|rehne\s+do|نہیں|رہنے\s+دو|مت\s+کرو)$/i.test(t))
    return one({ type: 'cancel' });

  const reminder = urduReminder(t, lang, ctx);
  if (reminder) return one(reminder);
  // "شام 5 بجے", "kal subah 9 baje": only a time, the answer to "when?" (as in English).
  const when = timeAlone(t, lang, ctx);
  if (when) return one({ type: 'when', changes: when });

  const changed = urduChange(t, lang, ctx);
  if (changed) return one(changed);

  // Complete and delete name a task: by number, or by title words before the verb.
  // "sare mukammal kaam dikhao": "show" at the end makes it a list, whatever status word comes before.
  const shown = p.list.exec(t);
  const endsShowing = !!shown && shown.index + shown[0].length >= t.length;
  for (const [kind, verb] of [
    ['delete', p.delete],
    ['reopen', p.reopen],
    ['complete', p.complete],
  ] as const) {
    if (endsShowing || !verb.test(t)) continue;
    // "khatam" means both "finish" and "end/remove": with a number it completes, never deletes.
    if (kind === 'delete' && /\bkhatam\b|ختم/i.test(t)) continue;
    // "سارے مکمل کام حذف کر دیں", "saare kaam mukammal kar do": every task (of a status), always shown first.
    const head = t.slice(0, verb.exec(t)!.index);
    if (ALL_WORDS.test(head)) {
      // "aaj ke saare kaam ho gaye": the day said narrows the set.
      const { due } = filterOf(head, lang);
      const status =
        kind === 'complete'
          ? 'pending'
          : kind === 'reopen'
            ? 'completed'
            : /مکمل|mukammal|done|complete|ho\s+chuke|ہو\s*چکے/i.test(head)
              ? 'completed'
              : /باقی|baqi|baaki|baki|pending/i.test(head)
                ? 'pending'
                : 'all';
      return one({ type: kind, target: { kind: 'set', filter: { status, ...(due ? { due } : {}) } } });
    }
    const n = NUMBER.exec(t);
    if (n && /\d/.test(n[0]))
      return one({ type: kind, target: { kind: 'numbers', numbers: [Number(n[1])] } });
    // "دوسرا کام ختم کر دو", "pehla wala delete karo": the second (first, last) of the tasks just listed.
    const ord = URDU_ORDINAL.exec(t);
    if (ord) return one({ type: kind, target: { kind: 'ordinal', index: ordinalIndex(ord[1]!) } });
    const title = titleBefore(t, verb, lang);
    const target = title ? urduTarget(title, lang) : null;
    if (target) return one({ type: kind, target });
    return one({ type: 'clarify', question: { kind: 'which_task', action: kind } });
  }

  // "kal kya karna hai?", "کل کیا کرنا ہے؟": a question is answered from the list, never added.
  if (!p.add.test(t) && (lang === 'ur' ? /(?:کیا|کون|کتنے|کب)/u : ROMAN_QUESTION).test(t))
    return one({ type: 'list', filter: filterOf(t, lang), count: /\b(?:kitne|kitnay)\b|کتنے/i.test(t) });

  // "electricity bill pay karna friday tak": a thing to do, due by ("tak") a day.
  const by =
    lang === 'roman'
      ? /^(?:add\s+(?:karo|kar\s+do|kardo|karen)\s+)?(.+?\b(?:karna|karni|karne|dena|deni|lena|leni|jana|jani|lana|lani|bharna))\s+(?:hai\s+)?(.+?)\s+(?:tak|se\s+pehle)$/i.exec(
          t,
        )
      : null;
  if (by) {
    const dayWord = by[2]!.toLowerCase();
    const due = parseDatePhrase(URDU_DAYS[dayWord] ?? dayWord, ctx);
    if (due)
      return one({
        type: 'add',
        tasks: [{ title: capitalize(by[1]!), due: { at: due.at, hasTime: due.hasTime, text: by[2]! } }],
      });
  }
  // "کل بجلی کا بل جمع کرانا ہے" — "(tomorrow) the electricity bill is to be paid": a thing to do.
  const need =
    lang === 'ur'
      ? /^(?:(آج|کل|پرسوں)\s+)?(.+?(?:نا|نی|نے))\s+(?:ہے|ہیں|ہو\s*گا)$/u.exec(t)
      : /^(?:(aaj|kal|parson)\s+)?(.+?(?:na|ni|ne))\s+(?:hai|hain|he)$/i.exec(t);
  if (need && need[2]!.split(/\s+/).length >= 2) {
    const day = need[1] ? URDU_DAYS[need[1].toLowerCase()] : undefined;
    // "aaj shaam ammi ko phone karna hai": a part of the day right after the day word is the time, not the title.
    const part = day ? PART_FIRST.exec(need[2]!) : null;
    const partName = part ? PART_NAMES[part[1]!.toLowerCase()]! : null;
    const body = part ? need[2]!.slice(part[0].length) : need[2]!;
    const due =
      (partName &&
        parseDatePhrase(partName === 'night' && day === 'today' ? 'tonight' : `${day} ${partName}`, ctx)) ||
      (day ? parseDatePhrase(day, ctx) : null);
    // "har jumme ko masjid jana hai", "کل دوپہر دو بجے درزی سے کپڑے لینے ہیں": a repeat rule or a time inside the
    // words is read (with the day said first), not kept in the title.
    const words = lang === 'roman' ? romanDates(body) : urduDates(body);
    const read = parseNewTask(day && hasClock(words) ? `${day} ${words}` : words, ctx);
    const task: NewTask = read && (read.repeat || read.due) ? read : { title: capitalize(body) };
    return one({
      type: 'add',
      tasks: [
        {
          ...task,
          ...(due && !task.due && !task.repeat
            ? { due: { at: due.at, hasTime: due.hasTime, text: need[1]! } }
            : {}),
        },
      ],
    });
  }

  if (p.add.test(t)) {
    let title = titleBefore(t, p.add, lang);
    // "کل دودھ والے کو پیسے دینے ہیں، ٹاسک بنا دیں": a leading day word is the due date.
    const lead = /^(آج|کل|پرسوں)\s+/u.exec(title);
    if (lead) {
      const due = parseDatePhrase(URDU_DAYS[lead[1]!]!, ctx);
      title = title.slice(lead[0].length).trim();
      if (title && due)
        return one({
          type: 'add',
          tasks: [{ title, due: { at: due.at, hasTime: due.hasTime, text: lead[1]! } }],
        });
    }
    const task: NewTask | null = title
      ? parseNewTask(lang === 'roman' ? romanDates(title) : title, ctx)
      : null;
    if (!task) return one({ type: 'clarify', question: { kind: 'no_title' } });
    return one({ type: 'add', tasks: [task] });
  }

  if (p.list.test(t) || (lang === 'ur' ? U.task.test(t) : /\b(?:tasks?|kaam)\b/i.test(t)))
    return one({ type: 'list', filter: filterOf(t, lang), count: /\b(?:kitne|kitnay)\b|کتنے/i.test(t) });

  return lang === 'ur' ? one({ type: 'unknown' }) : null;
}

/** The part of the day Roman Urdu names with an hour ("shaam 5 baje" = 5 in the evening), as am or pm. */
const ROMAN_PART: Readonly<Record<string, 'am' | 'pm'>> = {
  subah: 'am',
  subha: 'am',
  dopahar: 'pm',
  dopehar: 'pm',
  dophar: 'pm',
  sham: 'pm',
  shaam: 'pm',
  raat: 'pm',
  rat: 'pm',
};

/** "5 baje" is a time beyond doubt (unlike "at 5" in an English title): the daytime hour, as English. */
const atHour = (hour: string) => {
  const minutes = parseTimeOfDay(hour);
  return minutes === null ? `at ${hour}` : `at ${clockText(minutes).replace(' ', '')}`;
};

/** Roman Urdu weekday names → English. */
const ROMAN_WEEKDAYS: Readonly<Record<string, string>> = {
  peer: 'monday',
  pir: 'monday',
  somwar: 'monday',
  mangal: 'tuesday',
  budh: 'wednesday',
  jumeraat: 'thursday',
  jumerat: 'thursday',
  jumma: 'friday',
  jummah: 'friday',
  jumme: 'friday',
  juma: 'friday',
  hafta: 'saturday',
  hafte: 'saturday',
  sanichar: 'saturday',
  itwar: 'sunday',
  itwaar: 'sunday',
};
/** "kya", "kaunse", "kitne", "kab": a Roman Urdu question. */
const ROMAN_QUESTION = /\b(?:kya|kaun(?:se|sa|si)?|konse|konsa|kitne|kitnay|kab)\b|\?\s*$/i;

/** Roman Urdu day and time words inside a title → English the date parser reads ("kal" = tomorrow when adding). */
function romanDates(title: string): string {
  return (
    title
      // "har roz", "har hafte", "har mahine", "har jumme ko": every day / week / month / Friday.
      .replace(/\bhar\s+(?:roz|din)\b(?:\s+ko)?/gi, 'every day')
      .replace(/\bhar\s+(?:hafte|haftay)\b(?:\s+ko)?/gi, 'every week')
      .replace(/\bhar\s+(?:mahine|mahinay|maheene)\b(?:\s+ko)?/gi, 'every month')
      .replace(/\b(har\s+)?(\w+)\s+ko\b/gi, (m, har: string | undefined, day: string) => {
        const en = ROMAN_WEEKDAYS[day.toLowerCase()];
        return en ? `${har ? 'every ' : 'on '}${en}` : m;
      })
      .replace(/\bhar\s+(\w+)\b/gi, (m, day: string) => {
        const en = ROMAN_WEEKDAYS[day.toLowerCase()];
        return en ? `every ${en}` : m;
      })
      .replace(
        /\b(subah|subha|dopahar|dopehar|dophar|sham|shaam|raat|rat)\s+(\d{1,2}(?::\d{2})?)\s*(?:baje|bje)\b/gi,
        (_m, part: string, hour: string) => `at ${hour} ${ROMAN_PART[part.toLowerCase()]}`,
      )
      .replace(/\b(\d{1,2}(?::\d{2})?)\s*(?:baje|bje)\b/gi, (_m, h: string) => atHour(h))
      .replace(/\baaj\b/gi, 'today')
      .replace(/\bkal\b/gi, 'tomorrow')
      .replace(/\bparson\b/gi, 'day after tomorrow')
  );
}

// ---- reminders ----

/** "yaad dila dena", "یاد دلا دیں": remind me. */
const REMIND_VERB = {
  roman:
    /\s*(?:mujhe\s+)?(?:(?:yaad|yad)\s+(?:dila|dilaa|karwa|karwaa)(?:na|o|\s+do|\s+dena|\s+dein|\s+den|\s+diyo|\s+dijiye|en|ein|yen|yein)?|reminder\s+(?:laga|lagao|set\s+kar)(?:\s*(?:do|dein|den|o|na|karo))?)(?=\s|$)\s*/i,
  ur: /\s*(?:مجھے\s+)?یاد\s*(?:دلا|دلائ|کروا)(?:\s*(?:دیں|دینا|دو|ئیں|یں|نا|ؤ|دیجیے|ئیے))?(?=\s|$)\s*/u,
};
/** "reminder band karo", "yaad mat dilana", "یاد دہانی بند کریں": stop reminding. */
const STOP_REMINDING = {
  roman:
    /^(?:(.+?)\s+(?:ka|ki|ke)\s+)?(?:reminders?|yaad\s+dihani)\s+(?:band|khatam|off|hata|hatao|cancel)\s*(?:karo|kar\s+do|kardo|kar\s+dein|kar\s+den|karein|do|dein|den)?$|^(?:(.+?)\s+(?:ki|ka|ke\s+bare\s+mein)\s+)?(?:yaad|yad)\s+(?:mat|na|nahi)\s+(?:dila|dilana|dilayen|dilaen|dilaein)$/i,
  ur: /^(?:(.+?)\s+(?:کا|کی|کے)\s+)?(?:یاد\s*دہانی|ریمائنڈر|یاد\s*دہانیاں)\s+(?:بند|ختم|ہٹا)\s*(?:کریں|کر\s*دیں|کرو|کر\s*دو|دیں|دو)?$|^(?:(.+?)\s+(?:کی|کا)\s+)?یاد\s+(?:نہ|مت)\s+(?:دلائیں|دلانا|دلاؤ)$/u,
};
/** "10 minute pehle", "ایک گھنٹہ پہلے": a lead time; "10 minute baad", "10 منٹ بعد": a snooze. */
const AMOUNT_WORDS = {
  roman:
    /(?:(.+?)\s+(?:se|say|ka|ki|ke)\s+)?(\d{1,3}|aik|ek|do|teen|char|paanch|panch|pandrah|bees|tees|adha|aadha)\s+(minute|minutes|mint|min|minat|ghanta|ghante|ghantay|ghanton|din)\s+(pehle|pehlay|baad|bad)\b/i,
  ur: /(?:(.+?)\s+(?:سے|کا|کی|کے)\s+)?(\d{1,3}|ایک|دو|تین|چار|پانچ|پندرہ|بیس|تیس|آدھا|آدھے)\s+(منٹ|گھنٹہ|گھنٹے|گھنٹا|دن)\s+(پہلے|بعد)/u,
};
const AMOUNT_NUMBER: Readonly<Record<string, number>> = {
  aik: 1,
  ek: 1,
  do: 2,
  teen: 3,
  char: 4,
  paanch: 5,
  panch: 5,
  pandrah: 15,
  bees: 20,
  tees: 30,
  ایک: 1,
  دو: 2,
  تین: 3,
  چار: 4,
  پانچ: 5,
  پندرہ: 15,
  بیس: 20,
  تیس: 30,
};

/** The amount as English the shared parser reads: "adha ghanta" → "30 minutes", "do din" → "2 days". */
function amountText(count: string, unit: string): string {
  const u = /^(?:gh|گھ)/.test(unit) ? 'hours' : /^(?:din|دن)$/.test(unit) ? 'days' : 'minutes';
  if (/^(?:adha|aadha|آدھا|آدھے)$/.test(count)) return u === 'hours' ? '30 minutes' : `half ${u}`;
  return `${/^\d/.test(count) ? count : (AMOUNT_NUMBER[count.toLowerCase()] ?? count)} ${u}`;
}

const URDU_WEEKDAYS: Readonly<Record<string, string>> = {
  پیر: 'monday',
  سوموار: 'monday',
  منگل: 'tuesday',
  بدھ: 'wednesday',
  جمعرات: 'thursday',
  جمعہ: 'friday',
  جمعے: 'friday',
  ہفتہ: 'saturday',
  ہفتے: 'saturday',
  اتوار: 'sunday',
};
const URDU_WEEKDAY = new RegExp(
  String.raw`(^|\s)(${Object.keys(URDU_WEEKDAYS).join('|')})\s+(?:کو|پر|کے\s+دن|تک)(?=\s|$)`,
  'gu',
);

/** "دو بجے": the hours as words, one to twelve. */
const URDU_HOURS = ['ایک', 'دو', 'تین', 'چار', 'پانچ', 'چھ', 'سات', 'آٹھ', 'نو', 'دس', 'گیارہ', 'بارہ'];
const URDU_HOUR = new RegExp(String.raw`(${URDU_HOURS.join('|')})\s*(?=بجے)`, 'gu');
/** An hour said in words turned English by romanDates/urduDates ("at 2 pm", "at 9"). */
const hasClock = (text: string) => /\bat\s+\d/i.test(text);

/** Urdu-script day and time words → English the date parser reads ("کل شام 5 بجے" → "tomorrow at 5 pm"). */
function urduDates(text: string): string {
  const part: Readonly<Record<string, string>> = { صبح: 'am', دوپہر: 'pm', شام: 'pm', رات: 'pm' };
  return (
    text
      .replace(URDU_HOUR, (_m, word: string) => `${URDU_HOURS.indexOf(word) + 1} `)
      .replace(
        /(صبح|دوپہر|شام|رات)\s+(\d{1,2}(?::\d{2})?)\s*بجے/gu,
        (_m, p: string, h: string) => ` at ${h} ${part[p]} `,
      )
      .replace(/(\d{1,2}(?::\d{2})?)\s*بجے/gu, (_m, h: string) => ` ${atHour(h)} `)
      .replace(/(^|\s)(آج|کل|پرسوں)(?=\s|$)/gu, (_m, sp: string, d: string) => `${sp}${URDU_DAYS[d]}`)
      // "پیر کو", "جمعہ تک": a weekday only with its postposition ("پیر" alone is also a name, "ہفتہ" a week).
      .replace(URDU_WEEKDAY, (_m, sp: string, d: string) => `${sp}on ${URDU_WEEKDAYS[d]} `)
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const targetOrIt = (words: string | undefined, lang: Lang) =>
  (words?.trim() ? urduTarget(words.replace(/^(?:mujhe|مجھے)\s+/i, ''), lang) : null) ?? ctxTarget;

/**
 * Reminder requests in Urdu and Roman Urdu: "shaam 5 baje ammi ko call karna yaad dila dena" (a task with a
 * reminder when due), "10 minute pehle yaad dila dena" (a lead time), "10 minute baad dobara yaad dilana"
 * (snooze), "gym ka reminder band karo" (stop).
 */
function urduReminder(t: string, lang: Lang, ctx: TimeContext): Intent | null {
  const script = lang === 'ur' ? 'ur' : 'roman';
  const stop = STOP_REMINDING[script].exec(t);
  if (stop)
    return { type: 'update', target: targetOrIt(stop[1] ?? stop[2], lang), changes: { reminders: [] } };
  if (lang === 'roman' && /^snooze\s*(?:karo|kar\s+do|kardo|kar\s+dein)?$/i.test(t))
    return { type: 'snooze', target: { kind: 'context', plural: false }, minutes: SNOOZE_DEFAULT_MINUTES };
  // "dentist ka reminder 1 ghanta pehle laga do": the noun and the verb apart.
  const split =
    lang === 'roman'
      ? /^(.*?)\breminder\s+(.+?)\s+(?:laga|lagao|set\s+kar)(?:\s*(?:do|dein|den|o|na|karo))?$/i.exec(t)
      : null;
  const text = split ? `${split[1]}${split[2]} yaad dila do` : t;
  const verb = REMIND_VERB[script].exec(text);
  if (!verb) return null;
  // What follows the verb is the thing to do ("… yaad dilana ke doodh lena hai"); what precedes, when.
  const tail = text
    .slice(verb.index + verb[0].length)
    .replace(/^(?:ke|keh|kay|ki|کہ)\s+/i, '')
    .replace(/\s+(?:hai|hain|he|ہے|ہیں)$/i, '')
    .trim();
  const head = `${text.slice(0, verb.index)} ${tail}`.trim();
  const amount = AMOUNT_WORDS[script].exec(head);
  if (amount) {
    const english = amountText(amount[2]!, amount[3]!);
    if (/^(?:baad|bad|بعد)$/.test(amount[4]!)) {
      const minutes = snoozeMinutes(english);
      return minutes ? { type: 'snooze', target: targetOrIt(amount[1], lang), minutes } : null;
    }
    const before = leadTime(english);
    return before
      ? { type: 'update', target: targetOrIt(amount[1], lang), changes: { addReminders: [{ before }] } }
      : null;
  }
  // "<when> <what to do> yaad dila dena": a task due then, reminded when due.
  const body = (lang === 'roman' ? romanDates(head) : urduDates(head)).replace(/^(?:mujhe|مجھے)\s+/i, '');
  const task = body ? parseNewTask(body, ctx) : null;
  if (!task) return { type: 'clarify', question: { kind: 'remind_what' } };
  // "kal 10 baje meeting ki yaad dila dena": "of the meeting" names a task, like "remind me about the meeting".
  const about = /^(.+?)\s+(?:ki|ka|ke|کی|کا|کے)$/iu.exec(task.title);
  const named = about && urduTarget(about[1]!, lang);
  if (about && named)
    return {
      type: 'remind',
      target: named,
      ...(task.due ? { at: task.due } : {}),
      task: {
        ...task,
        title: capitalize(about[1]!),
        ...(task.due ? { reminders: [{ before: AT_DUE }] } : {}),
      },
    };
  return {
    type: 'add',
    tasks: [
      {
        ...task,
        remindAsked: true,
        ...(task.due || task.repeat ? { reminders: [{ before: AT_DUE }] } : {}),
      },
    ],
  };
}

// ---- changes ----

/** "سارے", "sab", "tamam": every task. */
const ALL_WORDS = /(?:^|\s)(?:سارے|ساری|سب|تمام|saare|sare|saray|saari|sab|tamam)(?=\s|$)/iu;

/** The verb that ends a change: "کر دیں", "رکھ دیں", "بنا دیں", "منتقل کر دیں"; "kar do", "rakh do", "bana do". */
const CHANGE_VERB = {
  ur: /\s*(?:(?:منتقل|شفٹ|تبدیل)\s*)?(?:کر|رکھ|بنا)\s*(?:دیں|دو|یں|و|ؤ|ئیں|دیجیے)$/u,
  roman:
    /\s+(?:(?:shift|move|change|tabdeel|muntaqil)\s+)?(?:(?:kar|rakh|bana)\s*(?:do|dein|den|dijiye)|karo|kardo|rakho|banao|karen|karein)$/i,
};

/** A task named plainly at the start of a change: by number, "… والا کام", an ordinal, or "it". */
const CHANGE_TARGET = {
  ur: /^(?:(?:ٹاسک|کام)\s*(?:نمبر\s*)?(\d{1,6})|(.+?)\s+(?:والا|والی|والے)\s+(?:کام|ٹاسک)|(اسے|اس\s*کو|اس))(?:\s+(کو|کا|کی|کے))?\s+/u,
  roman:
    /^(?:(?:task|kaam|number)\s*(?:number\s*|no\.?\s*)?#?(\d{1,6})|(.+?)\s+(?:wala|wali|wale|waala|waali|waale)\s+(?:kaam|kam|task)|(isay|ise|isey|isko|is\s+ko|usay|use|usey|usko|us\s+ko))(?:\s+(ko|ka|ki|ke))?\s+/i,
};

const HIGH = /^(?:اہم|ضروری|بہت\s+ضروری|important|urgent|zaroori|zaruri|ahem|aham|high\s+priority)$/iu;
const LOW =
  /^(?:کم\s+اہم|غیر\s+ضروری|kam\s+(?:zaroori|zaruri|ahem|aham|important)|ghair\s+zaroori|low\s+priority)$/iu;

/**
 * "ٹاسک 1 کو پیر پر منتقل کر دیں", "task 2 ko zaroori bana do", "ٹاسک 1 کا نام بدل کر … رکھ دیں",
 * "dentist wala kaam kal shaam 6 baje kar do": a change to one task, named plainly. Only a new day or time, a
 * priority or a new name is a change; anything else ("ٹاسک 1 کو ٹھیک کر دیں") changes nothing.
 */
/** A message that is only a day or time ("شام 5 بجے", "kal subah 9 baje"): what it sets, or null. */
function timeAlone(t: string, lang: Lang, ctx: TimeContext): Changes | null {
  const english = (lang === 'ur' ? urduDates(t) : romanDates(t)).replace(/^on\s+/i, '').trim();
  return english === t ? null : timeChange(english, t, ctx); // the same words: no Urdu day or time was read
}

/** English day/time words (from urduDates/romanDates) as a change: a time alone keeps the day. */
function timeChange(english: string, said: string, ctx: TimeContext): Changes | null {
  const clock = /^at\s+(.+)$/i.exec(english);
  const minutes = clock ? parseTimeOfDay(clock[1]!) : null;
  if (minutes !== null) return { timeOfDay: minutes };
  const due = parseDatePhrase(english, ctx);
  return due ? { due: { at: due.at, hasTime: due.hasTime, text: said } } : null;
}

function urduChange(t: string, lang: Lang, ctx: TimeContext): Intent | null {
  const script = lang === 'ur' ? 'ur' : 'roman';
  // "ٹاسک 2 ضروری ہے": a priority said as a fact is the same change (a day said so is news, as in English).
  const stated = CHANGE_VERB[script].test(t) ? null : /\s+(?:ہے|hai|he)$/iu.exec(t);
  const verb = CHANGE_VERB[script].exec(t) ?? stated;
  const head = verb ? t.slice(0, verb.index) : null;
  const m = head ? CHANGE_TARGET[script].exec(`${head} `) : null;
  if (!head || !m) return null;
  let target: Target | null;
  if (m[1]) target = { kind: 'numbers', numbers: [Number(m[1])] };
  else if (m[3]) target = { kind: 'context', plural: false };
  else target = urduTarget(m[2]!, lang);
  if (!target) return null;
  const rest = `${head} `.slice(m[0].length).trim();
  if (!rest) return null;
  // "کا نام بدل کر X", "ka naam X": a new title.
  const name =
    /^(?:نام|naam|nam)\s+(?:(?:بدل|تبدیل|badal|tabdeel|change)\s+(?:کر|کرکے|کر\s+کے|kar|karke|kar\s+ke)\s+)?(.+)$/iu.exec(
      rest,
    );
  if (name) return { type: 'update', target, changes: { title: capitalize(name[1]!.trim()) } };
  const said = rest.replace(/^(?:وقت|waqt|time|تاریخ|tareekh|date|din|دن)\s+/iu, '');
  const postposition = /\s+(?:پر|تک|کو|par|pe|tak|ko)$/iu;
  const value = said.replace(postposition, '');
  if (HIGH.test(value)) return { type: 'update', target, changes: { priority: 'high' } };
  if (LOW.test(value)) return { type: 'update', target, changes: { priority: 'low' } };
  if (stated) return null;
  // The weekday words want their postposition ("پیر کو"); what is left of it after the date goes.
  const english = (script === 'ur' ? urduDates(said) : romanDates(said))
    .replace(postposition, '')
    .replace(/^on\s+/i, '')
    .trim();
  const changes = timeChange(english, value, ctx);
  return changes ? { type: 'update', target, changes } : null;
}
