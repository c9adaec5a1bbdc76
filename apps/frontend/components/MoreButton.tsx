/**
 * A button that loads another page of a list. While loading it stays focusable (aria-disabled, not disabled:
 * a disabled button drops keyboard focus) and says so.
 */
export function MoreButton({
  label,
  loadingLabel,
  loading,
  onLoad,
  className = '',
}: {
  label: string;
  loadingLabel: string;
  loading: boolean;
  onLoad: () => void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-sm ${className}`.trim()}
      aria-busy={loading}
      aria-disabled={loading}
      onClick={() => {
        if (!loading) onLoad();
      }}
    >
      {loading ? loadingLabel : label}
    </button>
  );
}
