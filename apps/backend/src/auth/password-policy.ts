import type { ZxcvbnResult } from '@zxcvbn-ts/core';

/*
 * Passwords people actually guess first ("12345678", "password1234", "qwertyuiop", "iloveyou1") are refused at
 * sign-up and on a password change, however long. zxcvbn-ts estimates how many guesses a password takes against
 * its common-password and word lists, keyboard patterns and the user's own name and email; score 0-1 means under
 * about a million guesses. Its dictionaries are large, so they load on the first password check, not at start-up.
 */

/** Scores below this are refused (zxcvbn: 2 = "somewhat guessable", ≥ 10^6 guesses). */
export const MIN_PASSWORD_SCORE = 2;

let checker: Promise<(password: string, userInputs: readonly string[]) => ZxcvbnResult> | undefined;

function loadChecker() {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return (password: string, userInputs: readonly string[]) => zxcvbn.check(password, [...userInputs]);
  })();
  return checker;
}

/** Why `password` is too easy to guess (one sentence for the user), or null when it is fine. */
export async function passwordProblem(
  password: string,
  userInputs: readonly string[] = [],
): Promise<string | null> {
  const result = (await loadChecker())(password, personalWords(userInputs));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return `This password is too easy to guess${why ? ` (${why})` : ''}: add a few uncommon words or make it longer.`;
}

/** The user's name and email as the words a guesser would try: whole, the email's local part, and its pieces. */
function personalWords(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const lower = input.toLowerCase().trim();
    if (!lower) continue;
    const local = lower.split('@')[0]!;
    for (const w of [lower, local, ...local.split(/[^\p{L}\p{N}]+/u), ...lower.split(/\s+/)])
      if (w.length >= 3) words.add(w);
  }
  return [...words];
}

/** zxcvbn-ts's warning keys, said in the app's own words. */
const WARNINGS: Record<string, string> = {
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is very like a commonly used password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names on their own are easy to guess',
  commonNames: 'common names are easy to guess',
  userInputs: 'it contains your name or email',
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'repeated patterns like "abcabc" are easy to guess',
  sequences: 'sequences like "abc" or "6543" are easy to guess',
  recentYears: 'recent years are easy to guess',
  dates: 'dates are easy to guess',
};
