'use client';

import { useEffect, useRef, useState } from 'react';
import { useLanguage, useT } from '@/i18n/client';
import {
  recognitionConstructor,
  speechErrorKey,
  speechLanguage,
  transcript,
  type Recognition,
} from '@/lib/client/speech';
import { MicIcon } from '../icons';
import styles from './VoiceInput.module.css';

const ERROR_MS = 4000;

interface Props {
  /** Called as words are heard, with everything dictated so far (the last words may still change). */
  onDictate: (text: string) => void;
  /** Dictation is about to start (the composer keeps what was typed before it). */
  onStart: () => void;
  /** A reply is being sent: dictation stops. */
  sending: boolean;
}

/**
 * The composer's microphone: dictates into the message box with the browser's speech recognition, in the UI's
 * language. Loaded on demand, and renders nothing where the browser has no recognition.
 */
export default function VoiceInput({ onDictate, onStart, sending }: Props) {
  const t = useT('voice');
  const lang = useLanguage();
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recognition = useRef<Recognition | null>(null);
  const Ctor = recognitionConstructor();

  useEffect(() => () => recognition.current?.abort(), []);
  useEffect(() => {
    if (sending) recognition.current?.stop();
  }, [sending]);
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_MS);
    return () => clearTimeout(timer);
  }, [error]);

  if (!Ctor) return null;

  function toggle() {
    if (recognition.current) {
      recognition.current.stop();
      return;
    }
    const rec = new Ctor!();
    rec.lang = speechLanguage(lang);
    rec.interimResults = true;
    rec.continuous = false;
    rec.onresult = (e) => {
      const { final, interim } = transcript(e.results);
      onDictate([final, interim].filter(Boolean).join(' '));
    };
    rec.onerror = (e) => {
      const key = speechErrorKey(e.error);
      // The catalog words the common codes (its select keys cannot hold a hyphen: audio-capture → audio_capture).
      if (key) setError(t(key, { error: e.error.replaceAll('-', '_') }));
    };
    rec.onend = () => {
      recognition.current = null;
      setListening(false);
    };
    recognition.current = rec;
    setError(null);
    onStart();
    setListening(true);
    try {
      rec.start();
    } catch {
      // Already started elsewhere or refused at once: the end event may not come.
      recognition.current = null;
      setListening(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={`btn ${styles.mic}${listening ? ` ${styles.listening}` : ''}`}
        aria-pressed={listening}
        aria-label={t('start')}
        onClick={toggle}
      >
        <MicIcon />
      </button>
      {/* Said once when it changes: listening, and why dictation stopped. */}
      <p className={styles.status} role="status" aria-live="polite" data-voice-status="">
        {error ?? (listening ? t('listening') : '')}
      </p>
    </>
  );
}
