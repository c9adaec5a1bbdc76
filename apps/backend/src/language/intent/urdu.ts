import type { TimeContext } from '../types';
import { parseDatePhrase } from '../index';
import { parseNewTask } from './fields';
import { capitalize } from './normalize';
import { parseTarget } from './target';
import type { Filter, Intent, Lang, NewTask, Parsed } from './types';

/*
 * Urdu (Arabic script) and Roman Urdu: the requests people make most — add, list, complete, delete, undo — in the
 * word order Urdu uses (object first, verb last: "doodh lene ka task add karo", "task 3 mukammal karo"). The
 * reply is written in the same script the user typed.
 */

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** Roman Urdu words that English messages do not contain. */
const ROMAN_MARKERS =
  /\b(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|dikhao|dikhaen|dikhain|dikhayen|dikhaiye|batao|bataen|bataiye|mere|meray|mera|meri|hatao|hata\s+do|mita\s+do|mitao|mukammal|khatam|ho\s+gaya|hogaya|ho\s+gya|ka\s+task|ki\s+task|ke\s+task|kaam|kam\s+dikhao|shamil|daal\s+do|dal\s+do|likh\s+lo|likho|baqi|baaki|baki|wapas|kal|aaj|parson|kya\s+hai|hain|hai\s+kya|sab|saare|sare|lene|karna|jana|dena|jama|kar\s+di|kar\s+diya|de\s+di|ho\s+gayi|hai)\b/i;

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
  pending: /(?:باقی|زیر\s*التوا|نامکمل)/,
  done: /(?:مکمل\s*شدہ|ہو\s*چکے|مکمل\s*ہوئے)/,
  today: /آج/,
  tomorrow: /(?:کل)/,
  task: /(?:ٹاسک|کام|ٹاسکس|کاموں)/,
};

const R = {
  add: /\b(?:add|shamil|daal|dal|likh|bana|banao|create)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|do|dein|den|lo|lein|de)\b|\b(?:likh\s+lo|likho|banao)\b/i,
  list: /\b(?:dikhao|dikhaen|dikhain|dikhayen|dikhaiye|dikha\s+do|dikha\s+den|batao|bataen|bataiye|bata\s+do|list\s+karo|show\s+karo)\b/i,
  complete:
    /\b(?:mukammal|khatam|complete|done|pura|poora)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye|ho\s+gaya|hogaya|ho\s+gya|hai)?\b|\bho\s+gaya\b|\bhogaya\b|\b(?:kar\s+(?:di|diya|dia|li|liya|lia|chuka|chuki)|de\s+(?:di|diya|dia)|le\s+(?:li|liya|aaya|aya))\s*(?:hai|hay|he|hain)?\s*$/i,
  delete:
    /\b(?:delete|hatao|hata\s+do|hata\s+den|mita\s+do|mitao|mita\s+den|remove|khatam)\s*(?:karo|kardo|kar\s+do|kar\s+den|kar\s+dein|karen|karein|kariye|kijiye)?\b/i,
  undo: /^(?:undo|wapas)\s*(?:karo|kardo|kar\s+do|kar\s+den|karen|karein)?$/i,
  pending: /\b(?:baqi|baaki|baki|pending|rehte|reh\s+gaye|adhoore|adhure)\b/i,
  done: /\b(?:mukammal\s+shuda|ho\s+chuke|complete\s+ho\s+gaye|khatam\s+ho\s+gaye|done)\b/i,
  today: /\baaj\b/i,
  tomorrow: /\bkal\b/i,
};

/** "3", "task 3", "ٹاسک 3", "number 3" in a message. */
const NUMBER = /(?:task|ٹاسک|number|نمبر|#)?\s*#?(\d{1,6})/i;

function filterOf(text: string, lang: Lang): Filter {
  const p = lang === 'ur' ? U : R;
  const status = p.done.test(text) ? 'completed' : p.pending.test(text) ? 'pending' : 'all';
  const due = p.today.test(text) ? 'today' : undefined;
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

  // Complete and delete name a task: by number, or by title words before the verb.
  for (const [kind, verb] of [
    ['delete', p.delete],
    ['complete', p.complete],
  ] as const) {
    if (!verb.test(t)) continue;
    // "khatam" means both "finish" and "end/remove": with a number it completes, never deletes.
    if (kind === 'delete' && /\bkhatam\b|ختم/i.test(t)) continue;
    const n = NUMBER.exec(t);
    if (n && /\d/.test(n[0]))
      return one({ type: kind, target: { kind: 'numbers', numbers: [Number(n[1])] } });
    const title = titleBefore(t, verb, lang);
    const target = title ? parseTarget(title) : null;
    if (target) return one({ type: kind, target });
    return one({ type: 'clarify', question: { kind: 'which_task', action: kind } });
  }

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
      ? /^(?:(آج|کل|پرسوں)\s+)?(.+?نا)\s+(?:ہے|ہیں|ہو\s*گا)$/u.exec(t)
      : /^(?:(aaj|kal|parson)\s+)?(.+?(?:na|ni|ne))\s+(?:hai|hain|he)$/i.exec(t);
  if (need && need[2]!.split(/\s+/).length >= 2) {
    const day = need[1] ? URDU_DAYS[need[1].toLowerCase()] : undefined;
    const due = day ? parseDatePhrase(day, ctx) : null;
    return one({
      type: 'add',
      tasks: [
        { title: need[2]!, ...(due ? { due: { at: due.at, hasTime: due.hasTime, text: need[1]! } } : {}) },
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

/** Roman Urdu day and time words inside a title → English the date parser reads ("kal" = tomorrow when adding). */
function romanDates(title: string): string {
  return title
    .replace(
      /\b(subah|subha|dopahar|dopehar|dophar|sham|shaam|raat|rat)\s+(\d{1,2}(?::\d{2})?)\s*(?:baje|bje)\b/gi,
      (_m, part: string, hour: string) => `at ${hour} ${ROMAN_PART[part.toLowerCase()]}`,
    )
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*(?:baje|bje)\b/gi, 'at $1')
    .replace(/\baaj\b/gi, 'today')
    .replace(/\bkal\b/gi, 'tomorrow')
    .replace(/\bparson\b/gi, 'day after tomorrow');
}
