'use client';

import { useT } from '@/i18n/client';

/** "Deleted “X”" with Undo, in a polite live region; the region stays mounted so the toast is announced. */
export function UndoToast({
  text,
  onUndo,
  undoLabel,
  className,
  onHold,
}: {
  /** Null: no toast. */
  text: string | null;
  onUndo: () => void;
  /** The Undo button's full name, when "Undo" alone would be ambiguous on the page. */
  undoLabel?: string;
  className?: string;
  /** True while the pointer or the focus is on the toast: its time should not run out under the person. */
  onHold?: (held: boolean) => void;
}) {
  const t = useT('tasks');
  return (
    <div className={`toast-region${className ? ` ${className}` : ''}`} aria-live="polite">
      {text && (
        <div
          className="toast"
          role="status"
          onMouseEnter={() => onHold?.(true)}
          onMouseLeave={() => onHold?.(false)}
          onFocus={() => onHold?.(true)}
          onBlur={() => onHold?.(false)}
        >
          <span className="truncate">{text}</span>
          <button type="button" className="btn btn-sm btn-secondary" aria-label={undoLabel} onClick={onUndo}>
            {t('undo')}
          </button>
        </div>
      )}
    </div>
  );
}
