import { clockText, findDate, parseDatePhrase, parseTimeOfDay } from '../index';
import type { TimeContext } from '../types';
import {
  cleanTitle,
  parseNewTask,
  priorityPhrase,
  takeDue,
  takeNote,
  takePriority,
  takeRepeat,
  takeTags,
} from './fields';
import { countWord, normalize, ORDINALS, stripPadding, unquote } from './normalize';
import { ASKS_REMINDER, parseReminder, reminderFor, takeLead } from './remind';
import { numbersIn, parseTarget, partOfDayIn } from './target';
import type { Changes, DueWindow, Filter, Intent, NewTask, Parsed, Target } from './types';
import { parseUrdu } from './urdu';

/*
 * Message → intents, in English (Urdu and Roman Urdu go through urdu.ts first). Rules are tried from the most
 * specific to the most general, so "remove tag work from X" is an update before "remove X" can be a delete, and
 * "change task 4 to high priority" sets a priority before "change X to Y" can rename. Anything not understood
 * with confidence becomes a question or "unknown": a changing intent is only produced from a clear request.
 */

const GREETING =
  /^(?:hi|hello|hey|hiya|howdy|yo|hola|good\s+(?:morning|afternoon|evening|day)|greetings|sup|what'?s\s+up|salam|salaam|assalam[ou]?\s*[ou]?\s*alaikum|aoa)(?:\s+(?:there|bot|buddy|friend|again|everyone|todo\s*bot))?[\s!.,:)]*$/i;
const THANKS =
  /^(?:(?:ok(?:ay)?|great|awesome|perfect|nice|cool|good|brilliant|excellent|wonderful|amazing)[\s,!.]*)?(?:thanks|thank\s+you|thank\s+u|thx|ty|cheers|many\s+thanks|much\s+appreciated|appreciate\s+it|great|awesome|perfect|nice|cool|good\s+job|well\s+done|brilliant|excellent|got\s+it|shukriya|shukria|bohat\s+shukriya)(?:\s+(?:so\s+much|a\s+lot|very\s+much|again|man|buddy|mate|bot))?[\s!.:)]*$/i;
const COMMAND_START =
  /^(?:move|change|update|set|mark|delete|remove|make|reschedule|rename|lower|raise|bump|tag|untag|complete|edit|modify|postpone|push|cancel|undo|reopen|uncomplete|clear|show|list|find(?=\s+(?:my|the|all|tasks?)\b)|search|tell\s+me|give\s+me|let|can|could|would|will|should|please|take|drop(?!\s+(?:off|by)\b)|get\s+rid|note|also|for)\b|\b(?:it|that|them|those)\b/i;
/** Words that make a line a statement about something, not a to-do title. */
const STATEMENT =
  /\b(?:is|are|was|were|am|i'?m|im|isn'?t|aren'?t|not|actually|already|both|should|would|could|has|have|had|did|does|do|can|will|got|been|meant)\b|n't\b|^(?:i|we|you|he|she|they|there|it|no|nope)\b/i;
/** Venting ("ugh", "so tired"): a kind word, never a task. */
const VENT =
  /^(?:ugh+|argh+|omg|sigh|meh|damn|man|wow|ugh,|i'?m\s+so\s+(?:tired|done|busy|stressed|behind|overwhelmed)|im\s+so\s+(?:tired|done|busy|stressed|behind|overwhelmed)|so\s+(?:tired|stressed|overwhelmed))\b/i;
const QUESTION_START = /^(?:which|what|how|any|are\s+there|is\s+there|do|does|when|where|who|why)\b/i;
const THANKS_LEAD =
  /^(?:thanks|thank\s+(?:you|u)|thx|cheers|much\s+appreciated)\b(?:\s+(?:so\s+much|a\s+lot|very\s+much))?[\s,!.]*/i;
const COMMAND_WORD =
  /\b(?:add|delete|remove|mark|show|list|change|move|rename|undo|complete|create|tag|set|make)\b/i;
const HELP =
  /^(?:help(?:\s+me)?|\?+|commands|what\s+can\s+(?:you|u)\s+do|what\s+(?:else\s+)?can\s+(?:you|u)\s+help\s+(?:me\s+)?with|how\s+does\s+(?:this|it)\s+work|what\s+do\s+you\s+do|how\s+do\s+i\s+use\s+(?:this|you|it)|what\s+are\s+you|who\s+are\s+you|what\s+can\s+i\s+(?:say|ask|do)|options|menu|instructions|how\s+to\s+use(?:\s+this)?|what\s+are\s+your\s+(?:features|commands))[\s?!.]*$/i;
const YES_WORD = String.raw`(?:y|ya|yes|yeah|yea|yep|yup|sure|ok|okay|k|kk|please|pls|confirm(?:ed)?|do\s+it|go\s+ahead|go\s+for\s+it|proceed|absolutely|definitely|correct|right|that'?s\s+(?:right|fine|correct|it)|sounds\s+good|of\s+course|please\s+do|all\s+of\s+them|(?:do|delete|move|mark|change|update|apply|remove|complete)\s+(?:them|it|all|those|both)(?:\s+all)?|thanks|thank\s+you|perfect|great|fine)`;
const YES_CHAIN = new RegExp(`^(?:${YES_WORD}[\\s,!.]*)+$`, 'i');
const CONFIRM =
  /^(?:y|ya|yes|yeah|yea|yep|yup|sure|ok|okay|k|kk|confirm(?:ed)?|do\s+it|go\s+ahead|go\s+for\s+it|proceed|correct|right|that'?s\s+right|affirmative|please\s+do|absolutely|of\s+course|sounds\s+good|yes\s+please|yes,?\s+(?:do\s+it|go\s+ahead|delete\s+(?:it|them|all|those)|please|confirm|that'?s\s+right|all\s+of\s+them)|ha+n|haa+n|ji|jee|ji\s+haa?n|theek\s+hai|thik\s+hai|kar\s+do|kardo)[\s!.]*$/i;
const CANCEL =
  /^(?:n|no|nope|nah|cancel(?:\s+that|\s+it)?|stop|never\s*mind|nvm|don'?t|do\s+not|abort|forget\s+it|no\s+thanks|not\s+now|wait,?\s+no|no,?\s+(?:don'?t|stop|cancel|leave\s+it|keep\s+(?:it|them))|leave\s+it|keep\s+(?:it|them)|nahi|nahin|nai|mat\s+karo|rehne\s+do)[\s!.]*$/i;
const UNDO =
  /^(?:undo|revert|reverse|roll\s*back|(?:take|put|bring)\s+(?:that|it|this|them)(?:\s+one)?\s+back|restore\s+(?:it|that|them)|un-?delete(?:\s+(?:it|that|them))?|recover\s+(?:it|that|them)|undo\s+undo)(?:\s+(?:that|it|this|please|the\s+last\s+(?:one|change|action|thing|step)|my\s+last\s+(?:change|action)|the\s+(?:change|delete|deletion)|what\s+you\s+(?:just\s+)?did|(?:the\s+)?last\s+(?:change|action)))?$/i;
const UNDO_MANY =
  /^(?:undo|revert|roll\s*back)\s+(?:the\s+)?(?:last|previous|past)\s+(\w+)(?:\s+(?:changes|actions|things|steps|edits|ones))?$/i;
const HISTORY =
  /^(?:what\s+(?:did|have)\s+i\s+(?:do|done|change|changed|finish|finished|complete|completed|accomplish|accomplished|get\s+done)\s+today|what\s+did\s+(?:i|you|we)\s+(?:just\s+)?(?:do|change)|show\s+(?:me\s+)?(?:my\s+)?(?:recent\s+)?(?:activity|history|changes)|recent\s+(?:activity|changes)|what\s+changed(?:\s+today)?)[\s?!.]*$/i;

/** "when is …", "what time is …", "what's the deadline for …": the words after name one task. */
const WHEN_ASKED =
  /^(?:when(?:'s|\s+is|\s+are|\s+was|\s+do\s+i\s+have)|what\s+(?:time|day|date)(?:'s|\s+is|\s+are)|what'?s\s+the\s+(?:deadline|due\s+date|date|time)\s+(?:for|of|on)|what\s+is\s+the\s+(?:deadline|due\s+date|date|time)\s+(?:for|of|on))\s+(?:my\s+|the\s+)?(.+?)(?:\s+(?:due|happening|again|scheduled))?[?.!]*$/i;

/** Questions about the world, not about the user's tasks. */
const OFF_TOPIC =
  /\b(?:weather|temperature|forecast|rain(?:ing)?|joke|news|stock|bitcoin|sports?|score|football|cricket|recipe|movie|song|music|translate|capital\s+of|president|prime\s+minister|meaning\s+of\s+life|how\s+old\s+are\s+you|your\s+name|what\s+time\s+is\s+it|who\s+(?:won|is|was)|calculate|what\s+is\s+\d+\s*[-+*/x])\b/i;
const TASK_WORDS =
  /\b(?:tasks?|todos?|to-dos?|to\s+do|list|due|pending|overdue|done|complete|completed|finished|priority|tags?|tagged|remind(?:er)?s?|deadline|plate|agenda|schedule|left|remaining|open|urgent|important)\b/i;

/** "what's on for tomorrow?", "anything planned this week": a question about a day is about the user's tasks. */
const DAY_ASKED =
  /\b(?:on|planned|scheduled|happening|coming\s+up|lined\s+up)\s+(?:for\s+)?(?:today|tonight|tomorrow|this\s+(?:week|weekend|month)|next\s+week|the\s+weekend)\b/i;

/** Verbs that start a task title; a bare line starting with one is a quick-add. */
const TASK_VERBS = new Set(
  'buy get pick call email mail text message phone ring pay send write read find tell give see finish clean wash fix repair book schedule plan prepare prep make cook bake water walk feed take bring return renew submit file print sign review check study practice learn go visit meet attend organize organise sort tidy order cancel drop collect fetch ship post update install backup back upload download research draft reply respond follow contact invite ask thank clear vacuum mop iron fold pack unpack move paint mow trim charge refill top buy workout exercise run jog swim call dentist doctor grocery groceries laundry dishes homework'.split(
    ' ',
  ),
);

/** Past tense → base form for "I bought the milk" (regular -ed verbs are handled by stemming). */
const IRREGULAR_PAST: Readonly<Record<string, string>> = {
  bought: 'buy',
  rang: 'ring',
  rung: 'ring',
  paid: 'pay',
  sent: 'send',
  did: 'do',
  wrote: 'write',
  read: 'read',
  took: 'take',
  went: 'go',
  made: 'make',
  got: 'get',
  fed: 'feed',
  ate: 'eat',
  met: 'meet',
  brought: 'bring',
  sold: 'sell',
  told: 'tell',
  found: 'find',
  gave: 'give',
  left: 'leave',
  ran: 'run',
  drove: 'drive',
  spoke: 'speak',
  saw: 'see',
  built: 'build',
  caught: 'catch',
  kept: 'keep',
  swept: 'sweep',
  hung: 'hang',
  dug: 'dig',
  sang: 'sing',
  swam: 'swim',
  threw: 'throw',
  wore: 'wear',
  rode: 'ride',
  taught: 'teach',
  fought: 'fight',
  put: 'put',
  set: 'set',
  cut: 'cut',
  hit: 'hit',
  shut: 'shut',
};
/** Past forms that are also present forms or commands ("set all …", "read task 3"): need "I" before them. */
const AMBIGUOUS_PAST = new Set([
  'read',
  'put',
  'set',
  'cut',
  'hit',
  'shut',
  'left',
  'made',
  'found',
  'kept',
  'met',
]);

const REGULAR_PAST = /^[a-z]{3,}ed$/;
const NOT_VERBS = new Set([
  'need',
  'red',
  'bed',
  'shed',
  'sped',
  'seed',
  'weed',
  'feed',
  'speed',
  'indeed',
  'used',
]);

/** "bought" → "buy", "called" → "call", "emailed" → "email"; null when the word is not a past-tense verb. */
export function pastToBase(word: string): string | null {
  const w = word.toLowerCase();
  if (IRREGULAR_PAST[w]) return IRREGULAR_PAST[w];
  if (!REGULAR_PAST.test(w) || NOT_VERBS.has(w)) return null;
  if (/ied$/.test(w)) return `${w.slice(0, -3)}y`;
  const stem = w.slice(0, -2);
  if (/([bdgklmnprt])\1$/.test(stem) && !/(?:ll|ss)$/.test(stem)) return stem.slice(0, -1); // "shopped" → "shop"
  if (/(?:at|iz|is|ag|ak|iv|ov|ir|ur|as|ac|ap|ic|ag|id|ud)$/.test(stem) && !/(?:ss)$/.test(stem))
    return `${stem}e`; // "updated" → "update"
  return stem;
}

const DONE_WORDS = String.raw`(?:done|complete|completed|finished|checked\s+off|ticked\s+off|crossed\s+off|resolved|sorted|handled|taken\s+care\s+of|over|out\s+of\s+the\s+way)`;
const NOT_DONE_WORDS = String.raw`(?:not\s+done|undone|not\s+complete(?:d)?|incomplete|uncompleted|pending|open|unfinished|to\s*-?\s*do|active|not\s+finished)`;

type Rule = (text: string, lower: string, ctx: TimeContext) => Intent | null | undefined;

const target = (phrase: string | undefined): Target | null =>
  phrase === undefined ? null : parseTarget(phrase);
const ctxTarget: Target = { kind: 'context', plural: false };

/** "to high priority", "be due tomorrow", "3pm", "done", "Call mom tonight" → what setting a task "to" it means. */
export function valueChange(
  value: string,
  ctx: TimeContext,
  allowTitle: boolean,
): Intent['type'] | Changes | null {
  const v = unquote(value.trim().replace(/[.!]+$/, ''));
  // "high priority and due next friday": several values, each a change of its own field.
  const parts = v.split(/\s*,\s*(?:and\s+)?|\s+and\s+/i);
  if (parts.length > 1) {
    const readings = parts.map((part) => valueChange(part, ctx, false));
    if (readings.every((r): r is Changes => !!r && typeof r !== 'string')) {
      const merged: { -readonly [K in keyof Changes]: Changes[K] } = {};
      for (const r of readings) {
        // "monday and tuesday": two values for one field is no change to guess at, and never a title
        // ("mondays and wednesdays" is one rule, read whole below).
        if (Object.keys(r).some((k) => k in merged)) return repeatRule(v, ctx) ?? null;
        Object.assign(merged, r);
      }
      return merged;
    }
  }
  // "not today, tomorrow": the value ruled out first, then the one meant.
  const ruledOut = /^not\s+(.+?)(?:,|;|\s+but)\s+(.+)$/i.exec(v);
  if (ruledOut) {
    const [out, meant] = [valueChange(ruledOut[1]!, ctx, false), valueChange(ruledOut[2]!, ctx, false)];
    if (out && meant && typeof out !== 'string' && typeof meant !== 'string') return meant;
  }
  // "due on the 15th not the 5th", "at 3 instead of 2": the value said first, the one it replaces after.
  const instead = /^(.+?),?\s+(?:not|instead\s+of|rather\s+than)\s+(?:on\s+|at\s+|by\s+)?(.+)$/i.exec(v);
  if (instead) {
    const [said, replaced] = [valueChange(instead[1]!, ctx, false), valueChange(instead[2]!, ctx, false)];
    const sameKind = (a: typeof said, b: typeof said) =>
      !!a && !!b && typeof a !== 'string' && typeof b !== 'string' && Object.keys(b).some((k) => k in a);
    if (sameKind(said, replaced)) return said;
  }
  const bare = v.replace(/^(?:have|has|be|a|an|the|its?|is)\s+/i, '').replace(/^(?:a|an|the)\s+/i, '');
  const prio = priorityPhrase(bare) ?? priorityPhrase(v);
  if (prio) return { priority: prio };
  if (new RegExp(`^(?:marked\\s+(?:as\\s+)?)?${DONE_WORDS}$`, 'i').test(bare)) return 'complete';
  if (new RegExp(`^(?:marked\\s+(?:as\\s+)?)?${NOT_DONE_WORDS}$`, 'i').test(bare)) return 'reopen';
  // "tomorrow same time": the day changes, the task keeps its time (a date without a time does that).
  const dueText = bare
    .replace(/^(?:due|due\s+on|due\s+by|due\s+at|on|by|for|at)\s+/i, '')
    .replace(/,?\s*(?:at\s+)?(?:the\s+)?same\s+time$|^(?:at\s+)?(?:the\s+)?same\s+time\s+/i, '');
  // "end of day" names a day as much as a time: read as a date, so said after 5 pm it is not tomorrow's.
  const minutes = /\b(?:end\s+of\s+(?:the\s+)?day|eod|cob)\b/i.test(dueText) ? null : parseTimeOfDay(dueText);
  if (minutes !== null) return { timeOfDay: minutes };
  const date = parseDatePhrase(dueText, ctx);
  if (date) return { due: { at: date.at, hasTime: date.hasTime, text: dueText } };
  if (/^(?:no\s+(?:due\s+)?date|no\s+deadline|not\s+due|undated)$/i.test(bare)) return { due: null };
  if (/^due\b/i.test(bare)) return null; // "due <something unreadable>": not a title
  // "tuesdays and thursdays", "every other week": a new repeat rule, never a new title.
  const rule = repeatRule(v, ctx);
  if (rule) return rule;
  if (!allowTitle) return null;
  // "submit the project report tomorrow at 6 PM": a new title, maybe with a new due date.
  const tags = takeTags(v);
  const prioIn = takePriority(tags.rest);
  const due = takeDue(prioIn.rest, ctx);
  const title = cleanTitle(due.rest);
  if (!title) return null;
  return {
    title,
    ...(due.value ? { due: due.value } : {}),
    ...(prioIn.value ? { priority: prioIn.value } : {}),
    ...(tags.value ? { addTags: tags.value } : {}),
  };
}

/** The whole text as a repeat rule ("every other friday", "tuesdays and thursdays"), or null. */
function repeatRule(text: string, ctx: TimeContext): Changes | null {
  const rule = takeRepeat(text.replace(/^(?:repeat(?:ing)?|recur(?:ring)?)\s+/i, ''), ctx);
  return rule.value && !rule.rest.trim() ? { repeat: rule.value } : null;
}

/** A new due date or time for `t`; words that are no date become a question, never a guess. */
function dateOrAsk(t: Target, value: string, ctx: TimeContext): Intent {
  return (
    applyValue(t, valueChange(value, ctx, false)) ?? {
      type: 'clarify',
      question: { kind: 'bad_date', text: value },
    }
  );
}

/** Turns a value reading into an intent on `t`. */
function applyValue(t: Target, reading: ReturnType<typeof valueChange>): Intent | null {
  if (!reading) return null;
  if (reading === 'complete') return { type: 'complete', target: t };
  if (reading === 'reopen') return { type: 'reopen', target: t };
  if (typeof reading === 'string') return null;
  return { type: 'update', target: t, changes: reading };
}

/**
 * "<verb> <target> <value>" where the split point is unknown ("make task 2 high priority", "make it urgent"):
 * tries each word boundary from the right and takes the first whose tail is a value and head a target.
 */
/** A remark on how a word is spelled, after the words themselves: ", with an h", "spelled with two Ls". */
const SPELLING_REMARK =
  /,?\s+(?:with\s+(?:an?|two|double)\s+\S+(?:\s+at\s+the\s+end)?|(?:spelled|spelt)\s+.+)$/i;

function splitTargetValue(rest: string, ctx: TimeContext, valueOnly = true): Intent | null {
  // "make it tomorrow at 10": a pronoun is the whole target, so the date is not read as part of a title.
  const pronoun = /^((?:it|that|this)(?:\s+one)?)\s+(.+)$/i.exec(rest);
  const said = pronoun && target(pronoun[1]);
  if (said) {
    const intent = applyValue(said, valueChange(pronoun[2]!, ctx, !valueOnly));
    if (intent) return intent;
    // "make that call John, with an h": a to-do said in its place is the task's new wording.
    const wording = pronoun[2]!.replace(SPELLING_REMARK, '');
    const title =
      TASK_VERBS.has(wording.split(' ')[0]!.toLowerCase()) && wording.includes(' ') && cleanTitle(wording);
    if (title) return { type: 'update', target: said, changes: { title } };
    // "make it dad" after "add call mom": a word or two instead of the title's last one.
    if (/^[\p{L}'-]+(?:\s+[\p{L}'-]+)?$/u.test(wording) && !/^(?:one|again|so|that|this|it)$/i.test(wording))
      return { type: 'retitle_tail', words: wording };
  }
  const words = rest.split(' ');
  for (let i = words.length - 1; i >= 1; i--) {
    const head = words.slice(0, i).join(' ');
    if (/\s(?:to|as|into|at|for|with|the|a|an|be|and|or|but|every|each|other)$/i.test(head)) continue;
    const t = target(head);
    if (!t) continue;
    const reading = valueChange(words.slice(i).join(' '), ctx, !valueOnly);
    const intent = applyValue(t, reading);
    if (intent) return intent;
  }
  return null;
}

const RULES: readonly Rule[] = [
  // ---- tags ----
  (s) => {
    const m =
      /^(?:remove|delete|drop|take\s+off|take|clear|strip)\s+(?:the\s+)?(?:tags?|labels?)\s+(?:of\s+)?["']?#?([\p{L}\p{N}_-]+(?:\s*(?:,|and)\s*#?[\p{L}\p{N}_-]+)*)["']?\s+(?:from|on|off|off\s+of)\s+(.+)$/iu.exec(
        s,
      ) ??
      /^(?:remove|delete|drop|take\s+off|take|clear|strip)\s+(?:the\s+)?["']?#?([\p{L}\p{N}_-]+)["']?\s+(?:tag|label)\s+(?:from|on|off)\s+(.+)$/iu.exec(
        s,
      );
    const t = m && target(m[2]);
    return t ? { type: 'update', target: t, changes: { removeTags: tagList(m[1]!) } } : undefined;
  },
  (s) => {
    const m =
      /^(?:untag|remove\s+(?:all\s+)?(?:the\s+)?(?:tags|labels)\s+(?:from|on|of)|clear\s+(?:all\s+)?(?:the\s+)?(?:tags|labels)\s+(?:from|on|of))\s+(.+)$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { clearTags: true } } : undefined;
  },
  (s) => {
    const m =
      /^(?:add\s+(?:the\s+|a\s+)?(?:tags?|labels?)|tag)\s+["']?#?([\p{L}\p{N}_-]+(?:\s*(?:,|and)\s*#?[\p{L}\p{N}_-]+)*)["']?\s+(?:to|on|onto)\s+(.+)$/iu.exec(
        s,
      ) ??
      /^add\s+(?:a\s+|the\s+)?["']?#?([\p{L}\p{N}_-]+)["']?\s+(?:tag|label)\s+(?:to|on)\s+(.+)$/iu.exec(s) ??
      /^add\s+#([\p{L}\p{N}_-]+(?:\s*(?:,|and)?\s*#[\p{L}\p{N}_-]+)*)\s+(?:to|on)\s+(.+)$/iu.exec(s);
    const t = m && target(m[2]);
    return t ? { type: 'update', target: t, changes: { addTags: tagList(m[1]!) } } : undefined;
  },
  (s) => {
    const m =
      /^(?:tag|label|mark)\s+(.+?)\s+(?:as|with|under)\s+(?:the\s+)?(?:tags?\s+)?["']?#?([\p{L}\p{N}_-]+(?:\s*(?:,|and)\s*#?[\p{L}\p{N}_-]+)*)["']?(?:\s+tags?)?$/iu.exec(
        s,
      ) ??
      /^(?:tag|label)\s+(.+?)\s+#?([\p{L}\p{N}_-]+)$/iu.exec(s) ??
      /^(.+?)\s+should\s+be\s+tagged\s+(?:as\s+|with\s+)?#?([\p{L}\p{N}_-]+(?:\s*(?:,|and)\s*#?[\p{L}\p{N}_-]+)*)$/iu.exec(
        s,
      );
    if (!m) return undefined;
    // "mark X as done/high priority" is not a tag.
    if (
      /^mark/i.test(s) &&
      (valueChange(m[2]!, { now: new Date(0), zone: 'UTC' }, false) || !/\btag/i.test(s))
    )
      return undefined;
    const t = target(m[1]);
    return t ? { type: 'update', target: t, changes: { addTags: tagList(m[2]!) } } : undefined;
  },
  (s) => {
    // "put the demo under work", "file the receipts under taxes": a tag, on a task that exists.
    const m = /^(?:put|file|move|place)\s+(.+?)\s+under\s+(?:the\s+)?#?([\p{L}\p{N}_-]+)(?:\s+tag)?$/iu.exec(
      s,
    );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { addTags: [m[2]!.toLowerCase()] } } : undefined;
  },
  // ---- notes ----
  (s) => {
    const m =
      /^(?:add|put|attach|write|append|leave)\s+(?:a\s+|the\s+|this\s+)?(?:note|description|comment|details?|memo)\s+(?:to|on|for|in)\s+(.+?)\s*(?::|,|-|saying|that\s+says)\s*(.+)$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { appendDescription: unquote(m[2]!) } } : undefined;
  },
  (s) => {
    const m =
      /^(?:add|put|attach|write|append|leave)\s+(?:a\s+|the\s+)?(?:note|comment|memo)\s*(?::|saying|that\s+says)?\s*["']?(.+?)["']?\s+(?:to|on|for)\s+((?:task\s*#?\d+|#\d+|it|that|the\s+.+?\s+task))$/i.exec(
        s,
      );
    const t = m && target(m[2]);
    return t ? { type: 'update', target: t, changes: { appendDescription: unquote(m[1]!) } } : undefined;
  },
  (s) => {
    // "add to the notes of task 1 that the cake is ordered"
    const m =
      /^(?:add|append|put)\s+(?:this\s+)?to\s+(?:the\s+)?(?:notes?|description|details)\s+(?:of|for|on)\s+(.+?)\s*(?::|,|-|that|saying)\s*(.+)$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t
      ? { type: 'update', target: t, changes: { appendDescription: capitalizeFirst(unquote(m[2]!)) } }
      : undefined;
  },
  (s) => {
    const m =
      /^(?:set|change|update|replace|edit)\s+(?:the\s+)?(?:description|notes?|details)\s+(?:of|for|on)\s+(.+?)\s+(?:to|with)\s+(.+)$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { description: unquote(m[2]!) } } : undefined;
  },
  (s) => {
    const m =
      /^(?:remove|clear|delete|erase|drop)\s+(?:the\s+)?(?:description|notes?|details|comments?)\s+(?:of|from|on|for|in)\s+(.+)$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { description: '' } } : undefined;
  },
  // ---- due date ----
  (s) => {
    const m =
      /^(?:remove|clear|delete|drop|unset|take\s+off)\s+(?:the\s+)?(?:due\s+date|deadline|date|due\s+time|due)\s+(?:of|from|on|for|off)\s+(.+)$/i.exec(
        s,
      ) ?? /^(.+?)\s+(?:has|needs)\s+no\s+(?:due\s+date|deadline)$/i.exec(s);
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { due: null } } : undefined;
  },
  (s, _l, ctx) => {
    const m =
      /^(?:change|move|set|update|shift|push|make)\s+(?:the\s+)?(?:time|due\s+time|hour)\s+(?:of|for|on)\s+(.+?)\s+(?:to|at)\s+(.+)$/i.exec(
        s,
      );
    if (!m) return undefined;
    const t = target(m[1]);
    if (!t) return undefined;
    const minutes = parseTimeOfDay(m[2]!);
    if (minutes !== null) return { type: 'update', target: t, changes: { timeOfDay: minutes } };
    return dateOrAsk(t, m[2]!, ctx);
  },
  (s, _l, ctx) => {
    const m =
      /^(?:change|set|update|move|make|adjust)\s+(?:the\s+)?(?:due\s+date|deadline|date|due|due\s+day)\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|for)\s+(.+)$/i.exec(
        s,
      ) ??
      /^(?:change|set|update)\s+(.+?)(?:'s)?\s+(?:due\s+date|deadline|date)\s+(?:to|as|for)\s+(.+)$/i.exec(s);
    if (!m) return undefined;
    const t = target(m[1]);
    if (!t) return undefined;
    return dateOrAsk(t, m[2]!, ctx);
  },
  (s) => {
    const m =
      /^(?:postpone|delay|push(?:\s+back)?|defer|move|bump|shift|snooze)\s+(.+?)\s+(?:back\s+|forward\s+|out\s+)?(?:by\s+)?(a|an|one|two|three|four|five|six|seven|a\s+couple\s+of|\d{1,3})\s+(days?|weeks?)(?:\s+(?:later|back|forward|out))?$/i.exec(
        s,
      );
    if (!m) return undefined;
    const t = target(m[1]);
    const n = countWord(m[2]!.replace(/\s+of$/, ''));
    if (!t || n === null) return undefined;
    const days = n * (/^week/i.test(m[3]!) ? 7 : 1);
    return {
      type: 'update',
      target: t,
      changes: { shiftDays: /^(?:move|shift)\b.*\bforward\b/i.test(s) ? -days : days },
    };
  },
  (s) => {
    // "move the call with anna an hour later", "push standup back 30 minutes", "bring the meeting forward half an hour"
    const m =
      /^(?:postpone|delay|push(?:\s+back)?|move|bump|shift|bring|put\s+off)\s+(.+?)\s+(?:back\s+|forward\s+|out\s+)?(?:by\s+)?(half\s+an|an|a|one|two|three|four|five|six|\d{1,3})\s+(hours?|hrs?|minutes?|mins?)(?:\s+(later|earlier|back|forward|out|sooner))?$/i.exec(
        s,
      );
    if (!m) return undefined;
    const t = target(m[1]);
    const n = /^half/i.test(m[2]!) ? 0.5 : countWord(m[2]!);
    if (!t || n === null) return undefined;
    const minutes = Math.round(n * (/^h/i.test(m[3]!) ? 60 : 1));
    const earlier = /\b(?:earlier|sooner)$/i.test(s) || /^(?:move|shift|bring)\b.*\bforward\b/i.test(s);
    return { type: 'update', target: t, changes: { shiftMinutes: earlier ? -minutes : minutes } };
  },
  (s, _l, ctx) => {
    const m =
      /^(?:reschedule|move|push|postpone|delay|shift|bump|defer|change|set|put|snooze)\s+(.+?)\s+(?:to|until|till|til|for|on|at)\s+(.+)$/i.exec(
        s,
      );
    if (!m) return undefined;
    // "change the oil on saturday" is a to-do; "change the dentist to friday" moves it.
    if (/^(?:change|set)\s+.+?\s+on\s+/i.test(s) && !/\s(?:to|for|until|till|til|at)\s/i.test(s))
      return parseAdd(s, ctx);
    const t = target(m[1]);
    if (!t) return undefined;
    const reading = valueChange(m[2]!, ctx, false);
    // "bump the CI one to high priority": a priority said where a date could be.
    if (reading && typeof reading !== 'string' && reading.priority && /^(?:bump|move|put)/i.test(s))
      return applyValue(t, reading);
    if (!reading || typeof reading === 'string' || (!('due' in reading) && !('timeOfDay' in reading))) {
      // "move X to the top", "change X to Y" (rename) are not reschedules
      return /^(?:reschedule|postpone|delay|defer|snooze)/i.test(s)
        ? { type: 'clarify', question: { kind: 'bad_date', text: m[2]! } }
        : undefined;
    }
    return applyValue(t, reading);
  },
  (s) => {
    const m = /^(?:reschedule|postpone|delay|defer|snooze)\s+(.+)$/i.exec(s);
    const t = m && target(m[1]);
    return t ? { type: 'clarify', question: { kind: 'what_to_change', target: t } } : undefined;
  },
  (s, _l, ctx) => {
    // "task 3 is due friday", "the report is now due tomorrow", "make it due next week", "it's due friday"
    const it =
      /^(?:it|that|this)(?:'s|\s+is)\s+(?:now\s+|actually\s+)?due\s+(.+)$/i.exec(s) ??
      // "needs doing by the 10th", "it has to be done by friday": said of the task just talked about.
      /^(?:(?:it|that|this)\s+)?(?:needs|has)\s+(?:doing|done|finishing|to\s+be\s+(?:done|finished))\s+((?:by|before|on)\s+.+)$/i.exec(
        s,
      );
    if (it) {
      const reading = valueChange(`due ${it[1]}`, ctx, false);
      return reading && typeof reading !== 'string' ? applyValue(ctxTarget, reading) : undefined;
    }
    const m =
      /^(?:make\s+)?(.+?)\s+(?:is\s+|are\s+|should\s+be\s+|will\s+be\s+)?(?:now\s+)?due\s+(.+)$/i.exec(s) ??
      /^(.+?)\s+(?:should\s+be\s+(?:done|finished|completed)|needs\s+to\s+be\s+(?:done|finished)|has\s+to\s+be\s+(?:done|finished))\s+(?:by|before|on)\s+(.+)$/i.exec(
        s,
      );
    if (
      !m ||
      /^(?:what|which|show|list|get\s+me|give\s+me|tell\s+me|display|view|anything|is\s+anything|is\s+there|are\s+there|do\s+i|does|have\s+i|has|any|when|how|update|change|edit|set|modify|move|reschedule)\b/i.test(
        s,
      )
    )
      return undefined;
    // "make that high priority and due friday": the words before "due" end in a conjunction, so they are values.
    if (/\b(?:and|or|but|,)$/i.test(m[1]!)) return undefined;
    const t = target(m[1]);
    if (!t || t.kind === 'set') return undefined;
    const reading = valueChange(`due ${m[2]}`, ctx, false);
    return reading && typeof reading !== 'string' ? applyValue(t, reading) : undefined;
  },
  // ---- statements about a task ----
  (s, _l, ctx) => {
    // "the meeting with Sam got moved to thursday 2pm", "the recital is now on saturday": a new date said as news.
    const m =
      /^(.+?)\s+(?:got|has\s+been|have\s+been|was|were|is\s+being|'s\s+been|is|'s)\s+(?:now\s+|been\s+)?(?:moved|pushed(?:\s+back)?|rescheduled|postponed|changed|bumped|shifted|delayed|brought\s+forward|put\s+off)\s+(?:to|until|till|til|for|on)\s+(.+)$/i.exec(
        s,
      ) ??
      /^(.+?)(?:\s+is|'s|\s+are)\s+(?:now|actually)\s+(?:on\s+|at\s+|for\s+)?(.+?)(?:\s+now|\s+instead)?$/i.exec(
        s,
      ) ??
      /^(.+?)(?:\s+is|'s|\s+are)\s+(?:on|at)\s+(.+?)\s+(?:now|instead)$/i.exec(s);
    if (!m || QUESTION_START.test(s)) return undefined;
    const reading = valueChange(m[2]!, ctx, false);
    if (!reading || typeof reading === 'string' || !('due' in reading || 'timeOfDay' in reading))
      return undefined;
    const t = target(m[1]!.replace(/^(?:oh|oops|wait|hmm|fyi|so)[\s,]+/i, ''));
    return t && t.kind !== 'set' ? applyValue(t, reading) : undefined;
  },
  (s) => {
    // "the accountant one is actually urgent", "groceries are low priority now"
    const m =
      /^(.+?)(?:\s+(?:is|are|should\s+be|needs\s+to\s+be)|\s*'s|\s*'re)\s+(?:actually\s+|now\s+|really\s+|also\s+|kind\s+of\s+|pretty\s+)*(.+?)(?:\s+(?:now|actually|after\s+all))?$/i.exec(
        s,
      );
    if (!m || QUESTION_START.test(s)) return undefined;
    const p = priorityPhrase(m[2]!);
    const t = p && target(m[1]!.replace(/^(?:oh|oops|wait|hmm)\s+/i, ''));
    return t && t.kind !== 'set' ? { type: 'update', target: t, changes: { priority: p } } : undefined;
  },
  (s) => {
    // "the garage isn't urgent any more", "taxes are no longer a priority": down to low, as "not urgent" is on add.
    const m =
      /^(.+?)(?:\s+is|\s+are|'s|'re)?(?:n'?t|\s+not|\s+no\s+longer)\s+(?:that\s+|so\s+|really\s+|as\s+)?(?:urgent|important|pressing|a\s+priority|high\s+priority|a\s+rush)(?:\s+any\s*more|\s+now|\s+after\s+all)?$/i.exec(
        s,
      );
    if (!m || QUESTION_START.test(s)) return undefined;
    const t = target(m[1]!.replace(/^(?:oh|oops|wait|hmm)\s+/i, ''));
    return t && t.kind !== 'set' ? { type: 'update', target: t, changes: { priority: 'low' } } : undefined;
  },
  (s) => {
    // "staff meeting is at 9 not 8:30", "the standup starts at 10 now"
    const m =
      /^(.+?)\s+(?:is|starts|begins|should\s+be|will\s+be|has\s+moved\s+to|moved\s+to)\s+(?:now\s+|actually\s+)?at\s+([0-9:.]+\s*(?:am|pm)?|noon)(?:\s*,?\s*(?:not|instead\s+of)\s+(?:at\s+)?[0-9:.]+\s*(?:am|pm)?)?(?:\s+now)?$/i.exec(
        s,
      );
    if (!m || QUESTION_START.test(s)) return undefined;
    const minutes = parseTimeOfDay(m[2]!);
    const t = minutes !== null ? target(m[1]) : null;
    return t && t.kind !== 'set'
      ? { type: 'update', target: t, changes: { timeOfDay: minutes! } }
      : undefined;
  },
  (s) => {
    // "the website menu doesn't have a deadline anymore", "no due date for task 3"
    const m =
      /^(.+?)\s+(?:doesn'?t|does\s+not|don'?t|won'?t)\s+(?:have|need)\s+(?:a\s+)?(?:due\s+date|deadline|date)(?:\s+any\s*more)?$/i.exec(
        s,
      ) ??
      /^(?:there'?s\s+)?no\s+(?:more\s+)?(?:due\s+date|deadline)\s+(?:for|on)\s+(.+?)(?:\s+any\s*more)?$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { due: null } } : undefined;
  },
  (s, _l, ctx) => {
    // "set a deadline on calling the accountant for the 30th", "give the report a deadline of friday"
    const m =
      /^(?:set|put|add|give)\s+(?:a\s+)?(?:deadline|due\s+date)\s+(?:on|for|to)\s+(.+?)\s+(?:for|of|on|to|at|by)\s+(.+)$/i.exec(
        s,
      ) ?? /^give\s+(.+?)\s+a\s+(?:deadline|due\s+date)\s+(?:of|on|for)\s+(.+)$/i.exec(s);
    if (!m) return undefined;
    const t = target(
      m[1]!.replace(/^(?:calling|doing|the\s+task\s+)/i, (w) => (/^calling/i.test(w) ? 'call ' : '')),
    );
    if (!t) return undefined;
    return dateOrAsk(t, m[2]!, ctx);
  },
  (s) => {
    // "for the electrician, also note that he wants cash", "note on the coffee task: ask for the decaf sample too"
    const m =
      /^(?:for|on|about|re)\s+(.+?),\s*(?:also\s+|please\s+)?(?:note|add\s+(?:a\s+)?note|write\s+down|remember)\s+(?:that\s+|:\s*)?(.+)$/i.exec(
        s,
      ) ?? /^(?:also\s+)?(?:note|notes?)\s+(?:on|for|to)\s+(.+?)\s*:\s*(.+)$/i.exec(s);
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { appendDescription: unquote(m[2]!) } } : undefined;
  },
  (s) => {
    // "take 'family' off the kids pickup", "take the work tag off task 4"
    const m =
      /^(?:take|pull|strip)\s+(?:the\s+)?["']#?([\p{L}\p{N}_-]+)["'](?:\s+tag)?\s+off\s+(?:of\s+)?(.+)$/iu.exec(
        s,
      ) ??
      /^(?:take|pull|strip)\s+(?:the\s+)?#?([\p{L}\p{N}_-]+)\s+tag\s+off\s+(?:of\s+)?(.+)$/iu.exec(s) ??
      /^(?:take|pull|strip)\s+#([\p{L}\p{N}_-]+)\s+off\s+(?:of\s+)?(.+)$/iu.exec(s);
    const t = m && target(m[2]);
    return t ? { type: 'update', target: t, changes: { removeTags: [m[1]!.toLowerCase()] } } : undefined;
  },
  (s) => {
    // "get rid of the health tag", "remove the #errands tag everywhere": that tag off every task that has it
    const m =
      /^(?:get\s+rid\s+of|remove|delete|drop|clear|ditch)\s+(?:the\s+)?["']?#?([\p{L}\p{N}_-]+)["']?\s+(?:tag|label)(?:\s+(?:everywhere|from\s+(?:all|every|everything)(?:\s+tasks)?))?$/iu.exec(
        s,
      );
    return m
      ? {
          type: 'update',
          target: { kind: 'set', filter: { tag: m[1]!.toLowerCase() } },
          changes: { removeTags: [m[1]!.toLowerCase()] },
        }
      : undefined;
  },
  // ---- repeating ----
  (s) => {
    // "stop repeating the gym task", "the gym task shouldn't repeat anymore", "make standup a one-off"
    const m =
      /^(?:stop|don'?t\s+keep|no\s+longer|quit|don'?t|do\s+not)\s+(?:repeating|recurring|repeat|recur)\s+(?:for\s+)?(.+)$/i.exec(
        s,
      ) ??
      /^(.+?)\s+(?:shouldn'?t|should\s+not|doesn'?t\s+need\s+to|does\s+not\s+need\s+to|won'?t)\s+(?:repeat|recur)(?:\s+any\s*more)?$/i.exec(
        s,
      ) ??
      /^(?:make|set)\s+(.+?)\s+(?:a\s+)?(?:one-?off|one[\s-]time(?:\s+task)?|non-?repeating|not\s+repeat(?:ing)?)$/i.exec(
        s,
      ) ??
      /^(?:stop|end)\s+(.+?)\s+(?:from\s+)?(?:repeating|recurring)$/i.exec(s);
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { repeat: null } } : undefined;
  },
  (s, _l, ctx) => {
    // "make the gym task repeat every monday", "task 3 should repeat weekly", "repeat standup every weekday"
    const m =
      /^(?:make|set)\s+(.+?)\s+(?:to\s+)?(?:repeat|recur|happen)\s+(.+)$/i.exec(s) ??
      /^(.+?)\s+should\s+(?:repeat|recur|happen)\s+(.+)$/i.exec(s) ??
      /^(?:repeat|recur)\s+(.+?)\s+((?:every|each)\s+.+|daily|weekly|monthly|yearly)$/i.exec(s);
    if (!m) return undefined;
    const found = takeRepeat(m[2]!.trim(), ctx);
    const t = found.value && !found.rest.trim() ? target(m[1]) : null;
    return t ? { type: 'update', target: t, changes: { repeat: found.value! } } : undefined;
  },
  // ---- rename ----
  (s) => {
    // "fix the typo in task 1, it's plumber", "correct the spelling of the plumer task to plumber"
    const m =
      /^(?:fix|correct)\s+(?:the\s+|a\s+)?(?:typo|spelling|misspelling)\s+(?:in|on|of)\s+(.+?)\s*(?:[,:;–-]\s*)?(?:it'?s|it\s+is|it\s+should\s+be|should\s+be|to)\s+["']?(\p{L}[\p{L}'-]*)["']?$/iu.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { respell: m[2]! } } : undefined;
  },
  (s) => {
    const m =
      /^(?:edit|change|update|fix|correct)\s+(.+?),?\s+(?:it\s+should\s+(?:say|read|be\s+called)|to\s+say|to\s+read|so\s+(?:that\s+)?it\s+(?:says|reads))\s+(.+)$/i.exec(
        s,
      ) ??
      /^(?:rename|retitle)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i.exec(s) ??
      /^(?:change|update|edit|set)\s+(?:the\s+)?(?:title|name|wording)\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i.exec(
        s,
      ) ??
      /^(?:change|update|edit|set)\s+(.+?)(?:'s)?\s+(?:title|name)\s+(?:to|as|into)\s+(.+)$/i.exec(s);
    const t = m && target(m[1]);
    const title = m && cleanTitle(unquote(m[2]!));
    return t && title ? { type: 'update', target: t, changes: { title } } : undefined;
  },
  // ---- priority ----
  (s) => {
    const m =
      /^(?:set|change|update|make|put)\s+(?:the\s+)?(?:priority|importance|urgency)\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|at)\s+(.+)$/i.exec(
        s,
      ) ??
      /^(?:set|change|update|make|put)\s+(.+?)(?:'s)?\s+(?:priority|importance)\s+(?:to|as|at)\s+(.+)$/i.exec(
        s,
      );
    if (!m) return undefined;
    const t = target(m[1]);
    const p = priorityPhrase(m[2]!);
    return t && p ? { type: 'update', target: t, changes: { priority: p } } : undefined;
  },
  (s) => {
    const m =
      /^(?:prioriti[sz]e|bump\s+up|escalate|upgrade|(?:raise|bump|increase|up|boost)\s+(?:up\s+)?(?:the\s+)?priority\s+(?:of|on|for))\s+(.+?)(?:\s+up)?(?:\s+to\s+(?:high|top|the\s+top)(?:\s+priority)?)?$/i.exec(
        s,
      ) ?? /^bump\s+(.+?)\s+up(?:\s+to\s+(?:high|top)(?:\s+priority)?)?$/i.exec(s);
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { priority: 'high' } } : undefined;
  },
  (s) => {
    const m =
      /^(?:de-?prioriti[sz]e|downgrade|lower\s+(?:the\s+)?priority\s+(?:of|on)|lower|reduce)\s+(.+?)(?:'s\s+priority)?(?:\s+(?:to\s+low|a\s+bit|down))?$/i.exec(
        s,
      );
    const t = m && target(m[1]);
    return t ? { type: 'update', target: t, changes: { priority: 'low' } } : undefined;
  },
  // ---- reopen ----
  (s) => {
    const m =
      /^(?:reopen|re-open|uncomplete|un-complete|uncheck|unmark|unfinish|un-finish|untick|restore|revive|undo\s+(?:the\s+)?complet(?:e|ion|ing)\s+(?:of|on|for)?)\s*(.*)$/i.exec(
        s,
      ) ??
      new RegExp(
        `^(?:mark|set|move|put|change|flip|switch|turn)\\s+(.+?)\\s+(?:back\\s+)?(?:as\\s+|to\\s+|into\\s+)?${NOT_DONE_WORDS}(?:\\s+again)?$`,
        'i',
      ).exec(s) ??
      /^(?:put|move|add)\s+(.+?)\s+back\s+(?:on|to|in)\s+(?:my\s+|the\s+)?(?:list|tasks|todo\s+list)$/i.exec(
        s,
      ) ??
      /^(.+?)\s+(?:is|was|isn'?t|wasn'?t)\s+(?:actually\s+|really\s+)?(?:not\s+)?(?:done|finished|complete(?:d)?)\s+yet$/i.exec(
        s,
      ) ??
      /^(.+?)\s+(?:is\s+not|isn'?t|was\s+not|wasn'?t|is\s+actually\s+not)\s+(?:actually\s+|really\s+)?(?:done|finished|complete(?:d)?)(?:\s+yet)?$/i.exec(
        s,
      ) ??
      /^i\s+(?:didn'?t|did\s+not|haven'?t|have\s+not|never)\s+(?:actually\s+|really\s+)?(?:finish(?:ed)?|complete(?:d)?|do|done|did)\s+(.+?)(?:\s+yet)?$/i.exec(
        s,
      );
    if (!m) {
      // "the hotel isn't actually booked yet": what the task does, said as not having happened.
      const n =
        /^(.+?)\s+(?:isn'?t|is\s+not|wasn'?t|was\s+not|aren'?t|are\s+not|hasn'?t\s+been|has\s+not\s+been|haven'?t\s+been)\s+(?:actually\s+|really\s+)?([a-z]+)\s+yet$/i.exec(
          s,
        );
      const base = n && pastToBase(n[2]!);
      if (n && base && !QUESTION_START.test(s))
        return {
          type: 'reopen',
          target: {
            kind: 'paraphrase',
            text: `${base} ${n[1]!.replace(/^(?:oh|oops|wait|hmm|so)[\s,]+/i, '')}`,
          },
        };
      // "I didn't buy the groceries yet": the task is not done after all.
      const p =
        /^(?:actually\s+|oops\s+|wait\s+)?i\s+(?:didn'?t|did\s+not|haven'?t|have\s+not|never)\s+(?:actually\s+|really\s+)?([a-z]+)\s+(.+?)(?:\s+yet)?$/i.exec(
          s,
        );
      return p && !/^(?:need|want|have|like|know|think|mean)$/i.test(p[1]!)
        ? { type: 'reopen', target: { kind: 'paraphrase', text: `${p[1]} ${p[2]}` } }
        : undefined;
    }
    if (/^restore|^revive/i.test(s) && !/^\S+\s+(?:task|#|\d)/i.test(s)) return undefined; // "restore it" is undo
    const t = m[1] ? target(m[1]) : ctxTarget;
    return t ? { type: 'reopen', target: t } : undefined;
  },
  // ---- complete ----
  (s, _l, ctx) => {
    const m =
      new RegExp(
        `^(?:mark|set|flag|check|tick|cross|move|put|change|flip|switch|turn)\\s+(.+?)\\s+(?:as\\s+|to\\s+|into\\s+)?(?:${DONE_WORDS}|off|complete\\s+now)$`,
        'i',
      ).exec(s) ??
      /^(?:complete|finish|check\s+off|tick\s+off|cross\s+off|close|resolve|(?:done|completed|finished)(?:\s+with)?|strike\s+off|strike\s+out|cross\s+out|(?:just\s+|finally\s+)?(?:knocked\s+(?:out|off)|wrapped\s+up|ticked\s+off|checked\s+off|crossed\s+off|polished\s+off|finished\s+off))\s+(.+)$/i.exec(
        s,
      ) ??
      /^(?:i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+|now\s+)*(?:done|did|completed|finished|checked\s+off|ticked\s+off|crossed\s+off|wrapped\s+up|knocked\s+out)|(?:i'?m\s+|i\s+am\s+)?(?:all\s+)?(?:done|finished)\s+with|finished\s+with|got\s+(.+?)\s+done)\s+(.+)$/i.exec(
        s,
      );
    if (!m) return undefined;
    const phrase = m[m.length - 1] ?? m[1];
    // "finish the book before thursday", "complete the tax form by friday": an order for later is a to-do.
    if (/^(?:complete|finish|close|resolve)\b/i.test(s) && phrase && saysWhenToDo(phrase, ctx))
      return parseAdd(s, ctx);
    const t = target(phrase);
    return t ? { type: 'complete', target: t } : undefined;
  },
  (s) => {
    const m = new RegExp(
      `^(.+?)(?:\\s+|(?='s\\s))(?:is|are|was|were|'s|has\\s+been|have\\s+been)?\\s*(?:all\\s+|now\\s+|finally\\s+|already\\s+)*${DONE_WORDS}(?:\\s+now|\\s+already)?$`,
      'i',
    ).exec(s);
    if (!m) return undefined;
    if (
      /^(?:what|which|how|show|list|anything|is|are|everything\s+i|delete|remove|clear|erase|drop|trash|wipe|get\s+rid|move|set|change|archive)\b/i.test(
        m[1]!,
      ) ||
      /\b(?:not|n't|never)$/i.test(m[1]!)
    )
      return undefined;
    const subject = m[1]!
      .replace(/^(?:i\s+think\s+|i\s+guess\s+)/i, '')
      .replace(/'s$/i, '')
      .replace(/(?:\s+(?:are|is|were|was))?(?:\s+both)?$/i, '');
    const parts = subject.split(/\s*(?:,|\band\b|&)\s*/i).filter(Boolean);
    // "the bins and the gas bill are both done": each part names one task.
    if (parts.length > 1 && parts.every((p) => target(p)?.kind === 'title'))
      return {
        type: 'complete',
        target: { kind: 'titles', texts: parts.map((p) => (target(p) as { text: string }).text) },
      };
    const t = target(subject);
    return t ? { type: 'complete', target: t } : undefined;
  },
  (s) => {
    // "I bought the groceries", "just called mom", "paid the electricity bill"
    const m = /^(?:i\s+|we\s+)?(?:just\s+|already\s+|finally\s+|have\s+|'ve\s+)*([a-z]+)\s+(.+)$/i.exec(s);
    if (!m) return undefined;
    const base = pastToBase(m[1]!);
    const subject = /^(?:i|we|just|already|finally)\b/i.test(s);
    if (!base || (AMBIGUOUS_PAST.has(m[1]!.toLowerCase()) && !subject)) return undefined;
    if (
      !subject &&
      !IRREGULAR_PAST[m[1]!.toLowerCase()] &&
      !/^(?:called|emailed|texted|paid|cleaned|washed|fixed|picked|submitted|booked|walked|watered|finished|returned|renewed|mailed|posted|ordered|cooked|mowed|vacuumed|packed|printed|signed|scheduled|cancel+ed|replied|answered|visited)$/i.test(
        m[1]!,
      )
    )
      return undefined;
    if (
      /^(?:need|want|have|has|had|should|would|could|will|must|gotta|am|was|were|think|guess|forgot)$/i.test(
        m[1]!,
      )
    )
      return undefined;
    const rest = m[2]!.replace(/\s+(?:already|today|just\s+now|earlier|this\s+morning|yesterday)$/i, '');
    // "did both of those", "finished the first two": the words point at tasks rather than describe one.
    const pointed = base === 'do' || base === 'finish' ? target(rest) : null;
    if (pointed && pointed.kind !== 'title' && pointed.kind !== 'set')
      return { type: 'complete', target: pointed };
    return { type: 'complete', target: { kind: 'paraphrase', text: `${base} ${rest}` } };
  },
  // ---- delete ----
  (s, _l, ctx) => {
    const m =
      /^(?:delete|remove|rm|del|erase|drop(?!\s+(?:off|by|in)\b)|trash|scrap|scratch(?:\s+off)?|cross\s+out|discard|kill|nuke|clear\s+out|clear|wipe\s+out|wipe(?!\s+down\b)|ditch|bin|get\s+rid\s+of|throw\s+(?:away|out)|do\s+away\s+with|cancel|forget\s+about|strike|axe)\s+(.+)$/i.exec(
        s,
      ) ??
      /^take\s+(.+?)\s+off\s+(?:my|the)\s+(?:list|tasks|todo\s+list)$/i.exec(s) ??
      /^(.+?)\s+(?:can\s+go|should\s+go|is\s+(?:no\s+longer\s+needed|cancel+ed|not\s+needed\s+anymore))$/i.exec(
        s,
      ) ??
      /^i\s+(?:don'?t|do\s+not|no\s+longer|won'?t|will\s+not)\s+(?:need\s+(?:to\s+)?|have\s+to\s+)(.+?)(?:\s+any\s*more)?$/i.exec(
        s,
      ) ??
      /^(.+?)\s+(?:is|are)\s+(?:not\s+needed|no\s+longer\s+needed|off)(?:\s+any\s*more)?$/i.exec(s);
    if (!m) return undefined;
    let phrase = m[1]!;
    // "clear the gutters this weekend", "cancel the gym membership before january": a day to do it on makes it a
    // to-do, not a task to delete.
    if (saysWhenToDo(phrase, ctx)) return parseAdd(s, ctx);
    if (/^(?:completed|done|finished)$/i.test(phrase)) phrase = 'all completed tasks';
    if (
      /^(?:everything|all|all\s+(?:my\s+)?tasks|my\s+(?:whole\s+)?list|the\s+(?:whole\s+)?list|all\s+of\s+(?:them|it)|every\s+task)$/i.test(
        phrase,
      )
    )
      return { type: 'delete', target: { kind: 'set', filter: { status: 'all' } } };
    const t = target(phrase);
    return t ? { type: 'delete', target: t } : undefined;
  },
  // ---- generic "change X to Y" / "make X Y" ----
  (s, _l, ctx) => {
    const m =
      /^(?:change|update|edit|modify|switch|turn|correct|fix)\s+(.+?)\s+(?:to|into|as|so\s+(?:it|that\s+it)\s+(?:says|reads))\s+(.+)$/i.exec(
        s,
      );
    if (!m) return undefined;
    const t = target(m[1]);
    if (!t) return undefined;
    const intent = applyValue(t, valueChange(m[2]!, ctx, t.kind !== 'set'));
    return intent ?? { type: 'clarify', question: { kind: 'what_to_change', target: t } };
  },
  (s, _l, ctx) => {
    const m = /^(?:make|set|mark|flag)\s+(.+)$/i.exec(s);
    if (!m || /^(?:make|set)\s+(?:a|an|new|me)\b/i.test(s)) return undefined;
    const intent = splitTargetValue(m[1]!.replace(/\s+as\s+/i, ' '), ctx);
    // "mark the essays tonight" is marking homework: "mark" and "flag" set a status, a priority or a tag, never a date.
    const dated = intent?.type === 'update' && ('due' in intent.changes || 'timeOfDay' in intent.changes);
    return dated && /^(?:mark|flag)\b/i.test(s) ? parseAdd(s, ctx) : (intent ?? undefined);
  },
  (s, _l, ctx) => {
    // "update task 2: submit report tomorrow", "task 3 -> high priority"
    const m = /^(?:update|change|edit)?\s*((?:task\s*)?#?\d+)\s*(?::|->|=>|—|-)\s*(.+)$/i.exec(s);
    if (!m) return undefined;
    const t = target(m[1]);
    return t ? applyValue(t, valueChange(m[2]!, ctx, true)) : undefined;
  },
  (s, _l, ctx) => {
    const m = /^(?:change|update|edit|modify)\s+(.+)$/i.exec(s);
    // "update my CV this week": a to-do with its day, not a task to edit.
    if (m && saysWhenToDo(m[1]!, ctx)) return parseAdd(s, ctx);
    const t = m && target(m[1]);
    return t ? { type: 'clarify', question: { kind: 'what_to_change', target: t } } : undefined;
  },
];

/** A day or time ahead in the words after a command verb: what to do then, not which task to act on. */
function saysWhenToDo(phrase: string, ctx: TimeContext): boolean {
  const found = findDate(phrase, ctx);
  return found !== null && found.at > ctx.now;
}

const capitalizeFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const tagList = (s: string) =>
  s
    .split(/\s*(?:,|\band\b)\s*/i)
    .map((x) => x.replace(/^#/, '').trim().toLowerCase())
    .filter(Boolean);

// ---- lists ----

const LIST_START =
  /^(?:am\s+i\s+(?:late|behind)|show|list|display|view|see|get|give|tell|print|read|what|what's|whats|which|how\s+many|how\s+much|any|anything|do\s+i\s+have|have\s+i\s+got|are\s+there|is\s+there|find|search|look\s+(?:up|for)|lookup|where|check|remind\s+me\s+(?:what|of\s+my)|my\s+(?:tasks|todos|to-?dos|list|to-?do\s+list|day|week|agenda|plate)|tasks|todos|to-?dos|to-?do\s+list|pending|overdue|completed|done|agenda|upcoming|due|whats\s+left|left|remaining|open\s+tasks|high\s+priority|urgent|important|everything|all\s+(?:my\s+)?tasks|all|(?:only\s+)?the\s+(?:important|urgent|high\s+priority|low\s+priority|overdue|pending|open|completed|finished|done)\s+(?:stuff|ones|things|tasks|items|todos))\b/i;

/** Verbs that ask for the list ("check my tasks") or start a to-do ("get milk", "check the oil", "read chapter 3"). */
const TODO_OR_LOOKUP = /^(?:get|check|read|print|find|see|give|tell|look\s+(?:up|for)|lookup|view)\b/i;
/** With one of those verbs, the words that make it about the list. */
const ASKS_ABOUT_LIST = new RegExp(
  `${TASK_WORDS.source}|\\b(?:me|what|what's|whats|which|anything|everything|agenda|upcoming|today|tomorrow's|overdue)\\b|\\b(?:the|that|this)\\s+(?:[\\w-]+\\s+)?ones?\\b|\\?$|#|^(?:find|look\\s+(?:up|for)|lookup)\\s+\\S+$`,
  'i',
);

export function listFilter(text: string, ctx: TimeContext): { filter: Filter; count: boolean } {
  const l = text.toLowerCase();
  const f: { -readonly [K in keyof Filter]: Filter[K] } = {};
  let m: RegExpExecArray | null;
  const count = /\bhow\s+many\b|\bcount\b|\bnumber\s+of\b/.test(l);
  if (
    /\b(?:completed|complete|done|finished|accomplished|checked\s+off|did\s+i\s+(?:do|finish|complete)|have\s+i\s+(?:done|finished|completed))\b/.test(
      l,
    ) &&
    !/\bnot\s+(?:done|completed|finished)\b|\bto\s+be\s+done\b|\bstill\s+(?:to\s+be\s+)?done\b|\bget\s+done\b|\bneed\s+to\s+be\s+done\b/.test(
      l,
    )
  )
    f.status = 'completed';
  if (
    /\b(?:pending|open|left|remaining|incomplete|unfinished|outstanding|not\s+done|not\s+completed|not\s+finished|undone|to\s+do|todo|still|active|need\s+to\s+do|have\s+to\s+do|should\s+i\s+do|on\s+my\s+plate|get\s+done|to\s+be\s+done|next)\b/.test(
      l,
    ) &&
    f.status !== 'completed'
  )
    f.status = 'pending';
  if (/\b(?:overdue|late|past\s*-?\s*due|missed|behind(?:\s+on)?|expired)\b/.test(l)) f.due = 'overdue';
  else if (/\b(?:today|today's|tonight|for\s+the\s+day)\b/.test(l)) f.due = 'today';
  else if (/\b(?:tomorrow|tomorrow's)\b/.test(l)) f.due = 'tomorrow';
  else if (/\bnext\s+week\b/.test(l)) f.due = 'next_week';
  else if (/\b(?:this\s+week|the\s+week|week's|rest\s+of\s+the\s+week)\b/.test(l)) f.due = 'this_week';
  else if (/\b(?:this\s+month|the\s+month)\b/.test(l)) f.due = 'this_month';
  else if (/\b(?:no|without\s+(?:a\s+)?|missing\s+(?:a\s+)?)\s*(?:due\s+date|deadline|date)s?\b/.test(l))
    f.due = 'no_date';
  if (/\b(?:high[\s-]+priority|urgent|important|critical|top\s+priority|high[\s-]+prio)\b/.test(l))
    f.priority = 'high';
  else if (/\blow[\s-]+priority\b|\blow[\s-]+prio\b/.test(l)) f.priority = 'low';
  else if (/\bmedium[\s-]+priority\b|\bnormal[\s-]+priority\b/.test(l)) f.priority = 'medium';
  if (
    (m = /#([\p{L}\p{N}_-]+)/u.exec(text)) ||
    (m =
      /\b(?:tagged|tagged\s+as|tagged\s+with|with\s+(?:the\s+)?tag|labell?ed|under(?:\s+the\s+tag)?|in\s+(?:the\s+)?(?:tag|category))\s+["']?([\p{L}\p{N}_-]+)/iu.exec(
        text,
      )) ||
    (m =
      /\b([\p{L}\p{N}_-]+)\s+tag(?:ged)?\s+tasks\b|\btasks\s+with\s+(?:the\s+)?([\p{L}\p{N}_-]+)\s+tag\b/iu.exec(
        text,
      ))
  )
    f.tag = (m[1] ?? m[2])!.toLowerCase();
  if (
    (m =
      /\b(?:about|regarding|related\s+to|mentioning|containing|that\s+mention|that\s+contain|with\s+the\s+words?|with\s+["']|named|called|titled|matching|involving|for|to|re:)\s+["']?(.+?)["']?(?:\s+in\s+(?:the\s+)?(?:title|name|it))?[?.!]*$/i.exec(
        text,
      )) &&
    !isFilterWords(m[1]!)
  )
    f.text = stripFilterWords(m[1]!);
  else if (
    (m =
      /^(?:find|search(?:\s+for)?|look\s+(?:up|for)|lookup|where(?:'s|\s+is|\s+are)?|do\s+i\s+have\s+(?:a|any)\s+tasks?\s+(?:about|for|to|called))\s+(?:my\s+|the\s+|a\s+|any\s+|for\s+)?(?:tasks?\s+)?(?:about\s+|for\s+|called\s+|named\s+|with\s+)?["']?(.+?)["']?(?:\s+tasks?)?[?.!]*$/i.exec(
        text,
      )) &&
    !isFilterWords(m[1]!)
  )
    f.text = stripFilterWords(m[1]!);
  if (
    !f.tag &&
    !f.text &&
    (m = /\b(?:my|the|all|show|list|any)\s+([\p{L}\p{N}_-]+)\s+(?:tasks|todos|items|stuff|things)\b/iu.exec(
      text,
    )) &&
    // "work" is filler in "what's left at work", but "my work stuff" names it (a tag only if the user has one).
    (!isFilterWords(m[1]!) || /^work$/i.test(m[1]!))
  )
    f.tag = m[1]!.toLowerCase(); // "my work tasks": a tag if the user has one, else words of titles (executor)
  if (f.text) {
    const pod = partOfDayIn(f.text);
    if (pod.part && pod.rest) {
      f.partOfDay = pod.part;
      f.text = pod.rest;
    }
  }
  // "what reminders do I have?": the tasks that will remind (a reminder on a done task never fires).
  if (/\breminders?\b/.test(l) && !/\bremind(?:ers?)?\s+me\b/.test(l)) {
    f.reminders = true;
    f.status ??= 'pending';
  }
  // Anything narrowed by date or priority means "still to do" unless done tasks were asked for.
  if (!f.status && (f.due || f.priority)) f.status = 'pending';
  if (f.due === 'overdue') f.status = 'pending';
  void ctx;
  // "show my tasks" means what is left to do; done ones are counted, and listed when asked for ("all", "everything").
  if (
    !f.status &&
    !f.text &&
    !f.tag &&
    !/\b(?:all|everything|every|including|incl|whole|full|entire)\b/i.test(l)
  )
    return { filter: { status: 'pending', doneHidden: true, ...f }, count };
  return { filter: { status: 'all', ...f }, count };
}

const FILTER_WORDS =
  /^(?:my\s+|the\s+|all\s+|any\s+)*(?:tasks?|todos?|to-?dos?|list|everything|stuff|things|items|pending|completed|done|overdue|open|today|tomorrow|this\s+week|next\s+week|high\s+priority|low\s+priority|urgent|important|due|left|remaining|me|do|you|now|it|them|that|here|there|first|later|work)$/i;
const isFilterWords = (s: string) =>
  FILTER_WORDS.test(s.trim()) ||
  s.trim().length < 2 ||
  /^(?:my|all|the|your|our|any|some|every|due\s+dates?|dates?|a\s+due\s+date)$/i.test(s.trim());
const stripFilterWords = (s: string) =>
  s
    .replace(/\b(?:tasks?|todos?)\b/gi, '')
    .replace(/^(?:my|the|a|any)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();

// ---- adds ----

const ADD_LEAD =
  /^(?:(?:please\s+)?(?:(?:and\s+)?(?:another\s+(?:one|task|todo)|one\s+more(?:\s+task)?|also\s+add)|add|ad|create|new|insert|put\s+down(?=\s+that\s)|put|jot\s+down|write\s+down|note\s+down|log|capture|save|enter|make\s+(?:a\s+|an\s+)(?:new\s+)?(?:task|todo|to-do|reminder|note|entry)|make\s+new\s+(?:task|todo|to-do|reminder|entry)|set\s+(?:a|an)\s+(?:reminder|task|todo)|i\s+(?:want|would\s+like|'d\s+like)\s+to\s+add)\b\s*(?:me\s+)?(?:a\s+|an\s+)?(?:new\s+)?(?:(?:task|todo|to-do|reminder|note|item|entry)s?\b)?\s*(?:to\s+|for\s+|called\s+|named\s+|titled\s+|saying\s+|that\s+says\s+|:\s*|-\s*)?)/i;
const ADD_NEED =
  /^(?:remind\s+me\s+(?:to\s+|2\s+|about\s+|that\s+i\s+(?:need|have)\s+to\s+|of\s+)?|(?:i|we)\s+(?:really\s+|still\s+|also\s+)?(?:need|have|must|should|gotta|got|want|ought|'ve\s+got|have\s+got)\s+(?:to\s+|2\s+)?(?:remember\s+(?:to\s+)?)?|i'?ll\s+need\s+to\s+|(?:please\s+)?don'?t\s+(?:let\s+me\s+)?forget\s+(?:to\s+|about\s+)?|(?:please\s+)?remember\s+(?:to\s+|that\s+i\s+(?:need|have)\s+to\s+)?|(?:need\s+to|gotta|have\s+to|must)\s+(?:remember\s+(?:to\s+)?)?|todo\s*:\s*|to-?do\s*:\s*|task\s*:\s*|reminder\s*:\s*)/i;
/** A date phrase, then the rest of the request ("tomorrow, remind me to …"). */
const LEADING_DATE =
  /^(.{2,40}?)[\s,]+((?:please\s+)?(?:remind|don'?t|do\s+not|remember|(?:i|we)\s+(?:really\s+|still\s+|also\s+)?(?:need|have|must|should|gotta|got\s+to|ought|'ve\s+got)).*)$/i;
/** A priority cue, then a separator, then the to-do: "someday: learn piano", "URGENT - call the bank". */
const PRIORITY_HEAD =
  /^(?:urgent|asap|important|critical|top\s+priority|high\s+priority|low\s+priority|not\s+urgent|no\s+rush|whenever|someday|sometime|when(?:ever)?\s+i\s+(?:have|get|find)\s+(?:the\s+)?time|if\s+i\s+have\s+time)[!.]*\s*[:,–-]\s*\S/i;
/** "… on my list", "… to the todo list": where an added task goes, not part of its title. */
const ON_MY_LIST = /\s+(?:on|to|in|onto)\s+(?:my|the)\s+(?:todo\s+|to-?do\s+|task\s+)?list\b/i;
/** A tidy-up verb whose object is the list itself. */
const WHOLE_LIST =
  /^(?:clean(?:\s+up|\s+out)?|tidy(?:\s+up)?|sort(?:\s+out)?|organi[sz]e|fix|declutter|clear\s+up|go\s+through|sort\s+through)\s+(?:my|the|our)\s+(?:whole\s+|entire\s+|todo\s+|to-?do\s+|task\s+)?(?:list|lists|tasks|todos|to-?dos|stuff|things)$/i;

/** "three tasks:", "the following tasks:", "these:" before a list of titles. */
const COUNT_LEAD =
  /^(?:(?:the\s+)?following|these|(\w+)\s+(?:new\s+)?(?:tasks|todos|things|items|reminders))\s*(?:tasks|items)?\s*[:\-–,]\s*/i;

/** The titles of "milk, eggs and bread": several items only when the list shape is unmistakable. */
function splitItems(body: string, counted: number | null, ctx: TimeContext): string[] {
  if (counted !== null || /[;\n]/.test(body)) {
    const parts = body
      .replace(/^[-*•]\s+/, '')
      .split(/\s*(?:[;\n]|\s[-*•]\s|,\s*(?:and\s+|&\s+)?|\s+and\s+(?=[^,;]*$)|\s+&\s+)\s*/i)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length > 1) return parts;
  }
  const commas = body.split(/\s*,\s*/);
  if (commas.length >= 3 || (commas.length === 2 && /\s(?:and|&)\s/i.test(commas[1]!))) {
    const parts = body
      .split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+(?=[^,]*$)/i)
      .map((p) => p.trim())
      .filter(Boolean);
    // Each item short: a sentence with commas ("call mom, she's waiting, tonight") is one task.
    if (parts.length > 1 && parts.every((p) => p.split(' ').length <= 6)) return parts;
  }
  // "dentist tomorrow and pay rent on monday": two tasks, each with its own date; "call mom and pay the bill":
  // two commands.
  const also = body.split(/\s*,?\s+(?:and\s+also|and\s+then|as\s+well\s+as|plus)\s+/i);
  if (also.length > 1 && also.every((h) => h.trim().split(/\s+/).length >= 2)) return also;
  const halves = body.split(/\s+and\s+/i);
  if (halves.length === 2 && halves.every((h) => findDate(h, ctx) !== null)) return halves;
  if (
    halves.length === 2 &&
    halves.every((h) => TASK_VERBS.has(h.split(' ')[0]!.toLowerCase()) && h.includes(' '))
  )
    return halves;
  // "add milk and eggs": two short noun-ish items with a plain "and".
  const pair = /^(\S+(?:\s\S+)?)\s+and\s+(\S+(?:\s\S+)?)$/i.exec(body);
  if (
    pair &&
    counted === null &&
    /^(?:add|put)\b/i.test('add') &&
    isShoppingItem(pair[1]!) &&
    isShoppingItem(pair[2]!)
  )
    return [pair[1]!, pair[2]!];
  return [body];
}

const isShoppingItem = (s: string) =>
  !/\s/.test(s.trim()) &&
  !TASK_VERBS.has(s.trim().toLowerCase()) &&
  !/^(?:mom|dad|me|him|her|them)$/i.test(s.trim());

function parseAdd(body: string, ctx: TimeContext): Intent {
  let rest = body.trim();
  let counted: number | null = null;
  const c = COUNT_LEAD.exec(rest);
  if (c) {
    counted = c[1] ? (countWord(c[1]) ?? null) : 0;
    rest = rest.slice(c[0].length);
  }
  // A note may hold commas; take it before splitting items.
  const items = splitItems(rest, counted, ctx);
  if (items.length > 1) {
    // "someday maybe, low priority, repaint the fence": parts that are only a priority cue describe the others.
    let cue: NewTask['priority'];
    const real = items.filter((i) => {
      const p = takePriority(i);
      if (p.value && /^(?:maybe|please|pls|ok)?$/i.test(p.rest.trim())) {
        cue = p.value;
        return false;
      }
      return true;
    });
    const tasks = real
      .map((i) => parseNewTask(i, ctx))
      .filter((t): t is NewTask => t !== null)
      .map((t) => (cue && !t.priority ? { ...t, priority: cue } : t));
    if (tasks.length > 1 || (tasks.length === 1 && real.length < items.length)) return { type: 'add', tasks };
  }
  const task = parseNewTask(rest, ctx);
  if (!task) return { type: 'clarify', question: { kind: 'no_title' } };
  const planned =
    task.due && !task.repeat && /^(?:schedule|set|put|plan|book|arrange)\s+(?:in\s+)?(.+)$/i.exec(task.title);
  return { type: 'add', tasks: [planned ? { ...task, sameAs: planned[1]! } : task] };
}

/**
 * An add said with `lead` words: "remind me to …", "set a reminder to …" also ask for a reminder at the due time
 * (or the lead time said at the end: "…, 10 minutes before").
 */
function addAsked(leadWords: string, body: string, ctx: TimeContext): Intent {
  if (!ASKS_REMINDER.test(leadWords)) return parseAdd(body, ctx);
  const lead = takeLead(body);
  // "remind me in an hour", "remind me at 9 tomorrow": only a time, so about the task in context.
  const only = parseDatePhrase(lead.rest, ctx);
  if (only) {
    const at = { at: only.at, hasTime: only.hasTime, text: lead.rest };
    return { type: 'remind', target: { kind: 'context', plural: false }, at, task: { title: '' } };
  }
  const intent = parseAdd(bareHourAsTime(lead.rest), ctx);
  if (intent.type !== 'add') return intent;
  return {
    type: 'add',
    tasks: intent.tasks.map((t) => {
      const reminders = reminderFor(Boolean(t.due || t.repeat), lead.lead);
      return { ...t, remindAsked: true, ...(reminders ? { reminders } : {}) };
    }),
  };
}

/**
 * "remind me at 3 to call the bank", "… call the bank at 3": after "remind me", a bare hour is a time (in a
 * plain title "meet at 5" it is too ambiguous to take out). Read as the daytime hour, like any bare hour.
 */
function bareHourAsTime(body: string): string {
  const asTime = (h: string) => {
    const minutes = parseTimeOfDay(h);
    return minutes === null ? null : `at ${clockText(minutes).replace(' ', '')}`;
  };
  return body
    .replace(
      /^at\s+(\d{1,2}(?::\d{2})?)(?:\s*o'?clock)?(?=\s+(?:to|about)\s)/i,
      (m, h: string) => asTime(h) ?? m,
    )
    .replace(/\s+at\s+(\d{1,2}(?::\d{2})?)(?:\s*o'?clock)?$/i, (m, h: string) => ` ${asTime(h) ?? m.trim()}`);
}

// ---- one clause ----

function parseClause(raw: string, ctx: TimeContext): Intent {
  const s = stripPadding(raw);
  const lower = s.toLowerCase();
  if (!s) return { type: 'unknown' };
  let m: RegExpExecArray | null;

  if (UNDO.test(s)) return { type: 'undo', groups: 1 };
  if ((m = UNDO_MANY.exec(s))) {
    const n = countWord(m[1]!);
    return n ? { type: 'undo', groups: n } : { type: 'unknown' };
  }
  if (HISTORY.test(s)) return { type: 'history' };
  // "when's my dentist appointment?", "what time is the standup": a question about one task, answered by showing it.
  if ((m = WHEN_ASKED.exec(s)) && !isFilterWords(m[1]!) && !/^(?:is|are|do|does)\b/i.test(m[1]!))
    return { type: 'list', filter: { status: 'all', text: stripFilterWords(m[1]!) }, count: false };
  // "actually call it buy oat milk": the task just talked about gets a new name.
  if (
    (m = /^(?:call|name|title)\s+(?:it|that)\s+["']?(.+?)["']?(?:\s+instead)?$/i.exec(s)) &&
    cleanTitle(m[1]!)
  )
    return { type: 'update', target: ctxTarget, changes: { title: cleanTitle(unquote(m[1]!)) } };
  // "two things: buy stamps, post the parcel": a counted list is a list of new tasks.
  if ((m = /^(\w+)\s+(?:new\s+)?(?:tasks|todos|things|items)\s*:/i.exec(s)) && countWord(m[1]!))
    return parseAdd(s, ctx);
  // "show task 3", "what's task 2?", "details of #4"
  if (
    (m =
      /^(?:show(?:\s+me)?|what'?s|what\s+is|open|view|display|see|details\s+(?:of|for|on)|tell\s+me\s+about|describe)\s+(?:the\s+)?(?:task\s*#?|#|number\s+)(\d{1,6})$/i.exec(
        s,
      ))
  )
    return { type: 'list', filter: { status: 'all', numbers: [Number(m[1])] }, count: false };
  // "#work" alone: the tasks with that tag
  if ((m = /^#([\p{L}\p{N}_-]+)$/u.exec(s)))
    return { type: 'list', filter: { status: 'all', tag: m[1]!.toLowerCase() }, count: false };

  // "remind me what's due today", "remind me of my tasks": a list, not a reminder.
  if (
    (m =
      /^remind\s+me\s+(?:of\s+)?(?=(?:what|which|how\s+many|my\s+(?:tasks|todos?|list|agenda|day)|all\s+my)\b)/i.exec(
        s,
      ))
  ) {
    const { filter, count } = listFilter(s.slice(m[0].length), ctx);
    return { type: 'list', filter, count };
  }
  const reminder = parseReminder(s, ctx);
  if (reminder) return reminder;

  // "add …" first: its body may contain any verb ("add call mom", "add delete old files").
  if (
    (m = ADD_LEAD.exec(s)) &&
    m[0].trim() &&
    !/^put\s+(?:it|that|them|those)\s+back\b/i.test(s) &&
    (!/^(?:put|log|save|enter)\s+(?!a\s|an\s|new\s|down\s+that\s|task|todo|reminder)/i.test(s) ||
      ON_MY_LIST.test(s))
  ) {
    let body = s.slice(m[0].length).replace(ON_MY_LIST, '');
    // "put down that I need to return the car": the words after "that" are said as a need.
    const need = /^that\s+/i.test(body) ? ADD_NEED.exec(body.replace(/^that\s+/i, '')) : null;
    if (need?.[0].trim()) {
      body = body.replace(/^that\s+/i, '');
      return addAsked(need[0], body.slice(need[0].length), ctx);
    }
    const after = s.replace(/^add\s+/i, '');
    if (/^put\s+down\b/i.test(m[0])) {
      // "put down that the dentist is on friday" is news, not a to-do: read on.
    } else if (
      // "add a note to task 2: …", "add tag x to y", "add #x to task 3", "add to the notes of …" are updates.
      !/^(?:a\s+|the\s+)?(?:note|tags?|labels?|description|comment)\s+(?:to|on|for)\s/i.test(after) &&
      !/^(?:a\s+|the\s+)?(?:tags?|labels?)\s+#?\S+\s+(?:to|on)\s/i.test(after) &&
      !/^#\S+\s+(?:to|on)\s+(?:task\s*)?#?\d/i.test(after) &&
      !/^to\s+(?:the\s+)?(?:notes?|description)\b/i.test(after) &&
      !/^add\s+#?\S+\s+(?:tag|label)\s+to\s/i.test(s)
    ) {
      if (!body.trim()) return { type: 'clarify', question: { kind: 'no_title' } };
      return addAsked(m[0], body, ctx);
    }
  }
  // "in 10 days remind me to cancel the trial": the date said first belongs to the task.
  const early = LEADING_DATE.exec(s);
  const saysWhen = (lead: string) => {
    if (parseDatePhrase(lead, ctx)) return true;
    // "every weekday at 7am remind me to …": a rule said first belongs to the task too.
    const rule = takeRepeat(lead, ctx);
    return rule.value !== undefined && !rule.rest.trim();
  };
  if (early && ADD_NEED.exec(early[2]!)?.[0].trim() && saysWhen(early[1]!)) {
    const need = ADD_NEED.exec(early[2]!)!;
    const body = `${early[2]!.slice(need[0].length)} ${early[1]}`;
    if (need[0].length < early[2]!.length) return addAsked(need[0], body, ctx);
  }
  if ((m = ADD_NEED.exec(s)) && m[0].trim()) {
    const body = s.slice(m[0].length);
    if (body.trim() && !/^(?:what|which|to\s+know|help|you)\b/i.test(body)) return addAsked(m[0], body, ctx);
  }

  // "when I have time: reorganise the garage", "urgent - call the bank": a priority heading a to-do line.
  if (PRIORITY_HEAD.test(s)) {
    const task = parseNewTask(s, ctx);
    if (task?.priority) return parseAdd(s, ctx);
  }
  // "clean up my list", "sort out my tasks": about the whole list, and too vague to act on.
  if (WHOLE_LIST.test(s)) return { type: 'clarify', question: { kind: 'vague_list' } };

  for (const rule of RULES) {
    const intent = rule(s, lower, ctx);
    if (intent) return intent;
  }

  if (
    (LIST_START.test(s) && !(TODO_OR_LOOKUP.test(s) && !ASKS_ABOUT_LIST.test(s))) ||
    (/\?$/.test(raw.trim()) && TASK_WORDS.test(s))
  ) {
    if (OFF_TOPIC.test(s) && !TASK_WORDS.test(s)) return { type: 'offtopic' };
    if (
      /^(?:what|how|why|who|where|when)\b/i.test(s) &&
      !TASK_WORDS.test(s) &&
      !/\b(?:left|plate|do\s+i|should\s+i|need\s+to|have\s+to|next|up|behind|late|missed)\b/i.test(s) &&
      !DAY_ASKED.test(s)
    )
      return { type: 'offtopic' };
    const { filter, count } = listFilter(s, ctx);
    return { type: 'list', filter, count };
  }
  if (
    OFF_TOPIC.test(s) ||
    /\?$/.test(raw.trim()) ||
    /^(?:what|how|why|who|where|when|is|are|can|could|would|will|do|does|did|should|tell\s+me|sing|play|write\s+me|explain)\b/i.test(
      s,
    )
  )
    return /\?$/.test(raw.trim()) ||
      OFF_TOPIC.test(s) ||
      /^(?:tell\s+me|sing|play|write\s+me|explain)\b/i.test(s)
      ? { type: 'offtopic' }
      : { type: 'unknown' };

  // A bare line: a quick-add only when it reads like a to-do ("buy milk tomorrow", "dentist fri 3pm #health"); a
  // statement ("the staff meeting is at 9", "ugh im so done") or a command not understood never becomes a task.
  if (VENT.test(s)) return { type: 'vent' };
  // "at 3pm", "tomorrow morning": only a time, which answers "when?" (the executor decides whether one was asked).
  const when = valueChange(s, ctx, false);
  if (when && typeof when !== 'string' && ('due' in when || 'timeOfDay' in when))
    return { type: 'when', changes: when };
  const task = parseNewTask(s, ctx);
  if (!task || COMMAND_START.test(s) || STATEMENT.test(s)) return { type: 'unknown' };
  const first = s.split(' ')[0]!.toLowerCase();
  const cues = task.due || task.tags || task.priority || task.repeat;
  if (
    s.split(' ').length <= 14 &&
    (TASK_VERBS.has(first) || (cues && !/^(?:the|a|an|my|this|that)\b/i.test(s)))
  )
    return parseAdd(s, ctx);
  if (s.split(' ').length <= 8) return { type: 'maybe_add', task };
  return { type: 'unknown' };
}

/** Where one request ends and the next begins: "add milk and mark task 2 done", "…, then show my list". */
const CLAUSE_SPLIT =
  /(?:\s*[,;.]\s*|\s+)(?:and\s+then|then|and\s+also|also|and|plus|after\s+that)\s+(?=(?:add|delete|remove|mark|complete|show|list|rename|reschedule|move|change|set|create|undo|tag|make\s+(?:it|that|them)|set\s+(?:it|that)|finish|update|uncomplete|reopen|tell\s+me|what|remind\s+me|ping\s+me|snooze)\b)|\s*,\s*(?=(?:delete|remove|mark|reopen|uncomplete|uncheck|rename|reschedule|move|change|undo|tag|lower|raise|bump|make\s+(?:it|that|them)|set\s+(?:it|that)|put\s+(?:it|that|them)\s+back|(?:tick|check|cross)\s+(?:it|that|them)\s+off)\b)|\s*,?\s+and\s+(?=(?:it|that)(?:'s|\s+(?:is|needs|should|has|must))\s)/i;

/** Message → what the user asked for, clause by clause, and the language to answer in. */
export function parseMessage(message: string, ctx: TimeContext): Parsed {
  const norm = normalize(message);
  const urdu = parseUrdu(norm, ctx);
  if (urdu) return urdu;
  if (!norm) return { lang: 'en', intents: [{ type: 'help' }] };
  const whole = norm.replace(/[\s!.]+$/, '');
  if (GREETING.test(whole)) return { lang: 'en', intents: [{ type: 'greet' }] };
  if (THANKS.test(whole) || (THANKS_LEAD.test(whole) && !COMMAND_WORD.test(whole.replace(THANKS_LEAD, ''))))
    return { lang: 'en', intents: [{ type: 'thanks' }] };
  const s = stripPadding(norm);
  if (!s)
    return { lang: 'en', intents: [{ type: GREETING.test(norm.split(/[\s,!]/)[0]!) ? 'greet' : 'help' }] };
  if (HELP.test(s) || HELP.test(whole)) return { lang: 'en', intents: [{ type: 'help' }] };
  if (
    CONFIRM.test(s) ||
    CONFIRM.test(whole) ||
    (YES_CHAIN.test(whole) &&
      /^(?:y|ya|yes|yeah|yea|yep|yup|sure|ok|okay|confirm|go|do|absolutely|definitely|correct|please)/i.test(
        whole,
      ))
  )
    return { lang: 'en', intents: [{ type: 'confirm' }] };
  if (REVERT.test(s) || REVERT.test(whole))
    return { lang: 'en', intents: [{ type: 'cancel', revert: true }] };
  if (CANCEL.test(s) || CANCEL.test(whole)) return { lang: 'en', intents: [{ type: 'cancel' }] };
  const choice = parseChoice(s);
  if (choice) return { lang: 'en', intents: [choice] };
  const correction = parseCorrection(whole, ctx);
  if (correction) return { lang: 'en', intents: [correction] };
  // "don't delete anything, just show me what's overdue": the part that says what not to do is no request.
  const negated = NEGATED_LEAD.exec(s);
  if (negated) {
    const rest = stripPadding(s.slice(negated[0].length));
    return rest ? parseMessage(rest, ctx) : { lang: 'en', intents: [{ type: 'cancel' }] };
  }
  // A chatty message ("hiya! my week is mad busy lol. could you add …"): the sentences that ask for something.
  const sentences = s
    .split(/(?<=[.!?])\s+(?=\S)|,\s+(?=(?:so\s+)?(?:can|could|would|will)\s+(?:you|u)\b)/i)
    .filter((x) => x.trim());
  if (sentences.length > 1) {
    const read = sentences.map((x) => parseClause(x, ctx));
    const chat = ['unknown', 'greet', 'thanks', 'vent', 'offtopic', 'maybe_add', 'help'];
    // A sentence about one's week ("my week is mad busy") is not a request to list tasks.
    const asks = read.filter(
      (i, n) =>
        !chat.includes(i.type) &&
        (i.type !== 'list' ||
          /^(?:show|list|display|what|which|how\s+many|find|search)\b/i.test(sentences[n]!)),
    );
    if (asks.length > 0 && asks.length < read.length) return { lang: 'en', intents: asks };
  }
  // Several requests in one message: only split where a known command starts, and keep the whole
  // when any part is not understood on its own (the split was probably wrong).
  const clauses = splitClauses(s);
  if (clauses.length > 1) {
    const intents = clauses.map((c, i) => {
      const intent = parseClause(c, ctx);
      // "never mind the dentist, remove it": a clause that only names a task is what "it" means next.
      if (
        (intent.type === 'unknown' || intent.type === 'maybe_add') &&
        i < clauses.length - 1 &&
        refersBack(clauses[i + 1]!)
      ) {
        const t = parseTarget(
          c
            .replace(
              /^(?:never\s*mind|forget|about|as\s+for|regarding|re|so|the\s+one\s+(?:with|about|for))\s+/i,
              '',
            )
            .replace(/\s+(?:is|isn'?t|is\s+not|was|wasn'?t|are|aren'?t|can|should|needs?)\b.*$/i, ''),
        );
        if (t) return { type: 'mention', target: t } as const;
      }
      return intent;
    });
    if (intents.every((i) => i.type !== 'unknown' && i.type !== 'maybe_add')) return { lang: 'en', intents };
  }
  const intent = parseClause(s, ctx);
  // "oh and wrapping paper too": one more of what was just being added, not a line to ask about.
  if (intent.type === 'maybe_add' && ONE_MORE.test(norm) && !/\?\s*$/.test(norm)) {
    const title = intent.task.title.replace(/\s+(?:too|as\s+well)$/i, '');
    if (!/^(?:me|i|you|us|we|same|ditto|it|that|this|them|mine)$/i.test(title))
      return { lang: 'en', intents: [{ type: 'add', tasks: [{ ...intent.task, title }] }] };
  }
  return { lang: 'en', intents: [intent] };
}

/** A line that says it adds to what came before: "and X too", "also X", "X as well". */
const ONE_MORE = /^(?:(?:oh|ah|and\s+oh)[\s,]+)?(?:and|also)\b|\b(?:too|as\s+well)[\s.!]*$/i;

/** "cancel that", "scratch that": no to an open question, or take back what was just done. */
const REVERT =
  /^(?:(?:wrong\s+one|my\s+bad|my\s+mistake|that'?s\s+wrong|not\s+that)[,.!]*\s+)?(?:cancel|scratch|scrap|strike|forget|undo|reverse|revert|take\s+back)\s+(?:that|this)(?:\s+(?:last\s+one|one|please))?[\s!.]*$/i;

/** "don't delete anything, just …", "wait don't change anything yet, …": a refusal ahead of the real request. */
const NEGATED_LEAD =
  /^(?:(?:wait|no|please)[,\s]+)*(?:don'?t|do\s+not|never)\s+(?:delete|remove|change|mark|touch|add|complete|move|edit|create|clear|update)\b[^,;.!?]*?(?:[,;.!?]+|$)\s*(?:but\s+|just\s+|instead\s+|only\s+|rather\s+)*/i;

/** Words that open a correction of the previous turn: "no, …", "sorry I meant …", "wrong one, …". */
const CORRECTION_LEAD =
  /^(?:(?:no|nope|nah|oops|sorry|wait|actually|not\s+that\s+one|wrong\s+one|my\s+bad|not\s+(?:that|this))\b[,.!]*\s*)+(?:i\s+meant\s+|i\s+mean\s+|i\s+said\s+|it\s+was\s+|it'?s\s+)?|^i\s+meant\s+/i;

/**
 * "no, the one for Priya", "sorry I meant friday", "no sorry, sara": the last turn got the task or the value wrong.
 * A value (a date, a time, a priority) changes the task just talked about; words naming a task redo the last
 * change on that task instead. A full request after "no," is read as that request.
 */
function parseCorrection(whole: string, ctx: TimeContext): Intent | null {
  const m = CORRECTION_LEAD.exec(whole);
  if (!m || !m[0].trim()) return null;
  const meant =
    /\bi\s+(?:meant|mean|said)\b|\bit\s+was\b|^\s*(?:no|nope|nah|not\s+that\s+one|wrong\s+one)\b/i.test(m[0]);
  const rest = stripPadding(whole.slice(m[0].length))
    .replace(/^(?:the\s+one\s+(?:for|with|about|called|named|to|from)|the\s+one)\s+/i, '')
    .replace(/^(?:it\s+)?(?:should\s+be|to\s+be)\s+/i, '')
    .trim();
  if (!rest || !meant) return null;
  // "no reminders for the gym task", "no due date for task 3": the whole message is itself a request.
  const CHAT = ['unknown', 'maybe_add', 'add', 'offtopic', 'vent', 'list', 'choose', 'when'];
  if (!CHAT.includes(parseClause(whole, ctx).type)) return null;
  if (CANCEL.test(rest) || NEGATED_LEAD.test(`${rest},`)) return { type: 'cancel' };
  const read = parseClause(rest, ctx);
  if (!CHAT.includes(read.type)) return read;
  const value = applyValue(ctxTarget, valueChange(rest, ctx, false));
  if (value) return value;
  // A task named in a few words ("sara", "the one for Priya"), never a sentence.
  const t = STATEMENT.test(rest) || rest.split(' ').length > 5 ? null : parseTarget(rest);
  if (t && (t.kind === 'title' || t.kind === 'numbers' || t.kind === 'ordinal'))
    return { type: 'correct', target: t };
  return null;
}

const refersBack = (clause: string) => /\b(?:it|that|them|this\s+one|that\s+one)\b/i.test(clause);

function splitClauses(s: string): string[] {
  // A note ("with a note: …") or a quoted title may contain anything: never split inside them.
  const protectedFrom = (() => {
    const note = takeNote(s);
    return note.value ? note.rest.length : s.length;
  })();
  const head = s.slice(0, protectedFrom);
  const tail = s.slice(protectedFrom);
  const parts = head.split(CLAUSE_SPLIT).filter((p) => p && p.trim());
  if (parts.length === 0) return [s];
  parts[parts.length - 1] = parts[parts.length - 1]! + tail;
  return parts.map((p) => p.trim());
}

/** A bare answer to "which one?": a number, an ordinal, "both", "all of them". */
function parseChoice(s: string): Intent | null {
  const t = s
    .toLowerCase()
    .replace(/^(?:the\s+)?/, '')
    .replace(/[.!]+$/, '')
    .trim();
  const n = numbersIn(t);
  if (n && n.length === 1 && /^(?:(?:task|number|no\.?|#)\s*)?#?\d+$/.test(t))
    return { type: 'choose', number: n[0]! };
  const ord =
    /^(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|final)(?:\s+(?:one|task))?$/.exec(
      t,
    );
  if (ord) return { type: 'choose', index: ORDINALS[ord[1]!]! };
  if (
    /^(?:both|all|all\s+of\s+them|both\s+of\s+them|them\s+all|every\s+one|all\s+(?:three|four|five|\d+))$/.test(
      t,
    )
  )
    return { type: 'choose', all: true };
  return null;
}

export { type DueWindow };
