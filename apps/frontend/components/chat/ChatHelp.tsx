'use client';

import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import styles from './ChatHelp.module.css';

// The examples load when first opened: they are not needed to chat, and `/` has a first-load budget.
const ChatHelpPanel = lazy(() => import('./ChatHelpPanel'));

/** A "What can I say?" button with a panel of example requests. Escape, Close or the button closes it. */
export default function ChatHelp() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const t = useT('chat');

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div className={styles.help}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-ghost btn-sm"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {t('whatCanISay')}
      </button>
      {open && (
        // While the panel's code loads, a hidden stand-in keeps aria-controls pointing at an element.
        <Suspense fallback={<div id={panelId} hidden />}>
          <ChatHelpPanel id={panelId} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
