import { describe, expect, it } from 'vitest';
import {
  speechErrorKey,
  speechLanguage,
  transcript,
  type RecognitionResultList,
} from '../../../lib/client/speech';

const results = (parts: Array<[string, boolean]>): RecognitionResultList =>
  parts.map(([t, isFinal]) =>
    Object.assign([{ transcript: t }], { isFinal }),
  ) as unknown as RecognitionResultList;

describe('speech recognition results', () => {
  it('GIVEN settled and still-changing results THEN they are told apart, in order', () => {
    expect(
      transcript(
        results([
          ['buy milk', true],
          [' tomorrow', true],
          [' at 5', false],
        ]),
      ),
    ).toEqual({
      final: 'buy milk tomorrow',
      interim: 'at 5',
    });
    expect(transcript(results([]))).toEqual({ final: '', interim: '' });
  });

  it('GIVEN the UI language THEN the recognizer listens for English (US) or Urdu (Pakistan)', () => {
    expect(speechLanguage('en')).toBe('en-US');
    expect(speechLanguage('ur')).toBe('ur-PK');
  });

  it.each([
    ['not-allowed', 'notAllowed'],
    ['service-not-allowed', 'notAllowed'],
    ['no-speech', 'noSpeech'],
    ['network', 'failed'],
    ['aborted', null],
  ])('GIVEN the error %s THEN the person is told %s', (error, key) => {
    expect(speechErrorKey(error)).toBe(key);
  });
});
