/*
 * The browser's speech recognition (Chromium and Safari: `webkitSpeechRecognition`), typed as far as the voice
 * input uses it. Not in TypeScript's DOM library.
 */

export interface RecognitionResultList {
  readonly length: number;
  [index: number]: { readonly isFinal: boolean; readonly 0: { readonly transcript: string } };
}

export interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((e: { results: RecognitionResultList }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

type RecognitionConstructor = new () => Recognition;

/** The constructor, or null where the browser has none (Firefox): the microphone button is not shown then. */
export function recognitionConstructor(): RecognitionConstructor | null {
  const w = window as unknown as Record<string, RecognitionConstructor | undefined>;
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** What the recognizer heard so far: the settled words and the ones it may still change. */
export function transcript(results: RecognitionResultList): { final: string; interim: string } {
  let final = '';
  let interim = '';
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.isFinal) final += r[0].transcript;
    else interim += r[0].transcript;
  }
  return { final: final.trim(), interim: interim.trim() };
}

/** The recognizer's language for the UI's: Urdu as spoken in Pakistan, else US English. */
export const speechLanguage = (lang: string) => (lang === 'ur' ? 'ur-PK' : 'en-US');

/** The catalog key (namespace `voice`) of an error worth telling; null for one the person caused (stop). */
export function speechErrorKey(error: string): 'notAllowed' | 'noSpeech' | 'failed' | null {
  if (error === 'not-allowed' || error === 'service-not-allowed') return 'notAllowed';
  if (error === 'no-speech') return 'noSpeech';
  if (error === 'aborted') return null;
  return 'failed';
}
