/**
 * Shown when the server could not reach the backend while rendering a page. A server component: "Try again" is a
 * link to this same address, so the page needs no script of its own for it.
 */
export function BackendDown() {
  return (
    <main className="auth">
      <div className="auth-card" role="alert">
        <h1>Service unavailable</h1>
        <p className="muted">
          The app cannot reach its backend right now. Your data is safe; try again in a moment.
        </p>
        <a className="btn btn-primary btn-block" href="">
          Try again
        </a>
      </div>
    </main>
  );
}
