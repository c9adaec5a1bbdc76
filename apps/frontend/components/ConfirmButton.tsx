'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '@/i18n/client';

interface Props {
  /** The first button's content (an icon, or a word with its own screen-reader text). */
  children: ReactNode;
  /** Its accessible name when the content is an icon alone. */
  label?: string;
  className?: string;
  /** The confirming button's visible word ("Delete") and its full name ("Yes, delete conversation X"). */
  confirmText: string;
  confirmLabel: string;
  onConfirm: () => void;
}

/**
 * A destructive action that asks first, in place: one click turns the button into "Delete · Cancel" (no modal, no
 * native confirm()). Focus goes to Cancel, the safe choice; Escape or Cancel puts the first button back, focused.
 */
export function ConfirmButton({ children, label, className, confirmText, confirmLabel, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const tc = useT('common');

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className={className}
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm-group" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <button
        type="button"
        className="btn btn-sm btn-danger"
        aria-label={confirmLabel}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmText}
      </button>
      <button ref={cancelRef} type="button" className="btn btn-sm btn-ghost" onClick={cancel}>
        {tc('cancel')}
      </button>
    </span>
  );
}
