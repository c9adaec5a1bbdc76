import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Not found · Todo Chatbot' };

/**
 * The app's 404 page. Next's built-in one styles itself inline, which the pages' CSP (style-src without
 * 'unsafe-inline') refuses; this one uses the app's stylesheet. A server component: it needs no script.
 */
export default function NotFound() {
  return (
    <main className="auth">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <a className="btn btn-primary btn-block" href="/">
          Go to your tasks
        </a>
      </div>
    </main>
  );
}
