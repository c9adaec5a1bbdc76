'use client';

/** Shown when the server could not reach the backend while rendering a page. */
export function BackendDown() {
  return (
    <main className="auth">
      <div className="auth-card" role="alert">
        <h1>Service unavailable</h1>
        <p className="muted">
          The app cannot reach its backend right now. Your data is safe; try again in a moment.
        </p>
        <button className="btn btn-primary btn-block" type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    </main>
  );
}
