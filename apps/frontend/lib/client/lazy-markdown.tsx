'use client';

import { useEffect, useState, type ComponentType } from 'react';

/*
 * The Markdown renderer loads with the first chat turn or opened conversation rather than with the page: an empty
 * chat never needs it, and `/` has a first-load budget. Until it is there a reply shows as plain text.
 */

type MarkdownComponent = ComponentType<{ text: string }>;
let renderer: MarkdownComponent | null = null;
let loading: Promise<MarkdownComponent> | null = null;

/** Starts loading the renderer (once); chat turns call it before the first words arrive. */
export function preloadMarkdown(): Promise<MarkdownComponent> {
  loading ??= import('./markdown').then((m) => (renderer = m.Markdown));
  return loading;
}

export function LazyMarkdown({ text }: { text: string }) {
  const [Loaded, setLoaded] = useState<MarkdownComponent | null>(() => renderer);
  useEffect(() => {
    if (Loaded) return;
    let live = true;
    void preloadMarkdown().then((m) => live && setLoaded(() => m));
    return () => {
      live = false;
    };
  }, [Loaded]);
  return Loaded ? <Loaded text={text} /> : <p style={{ whiteSpace: 'pre-wrap' }}>{text}</p>;
}
