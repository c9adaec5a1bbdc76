import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('notFound') };
}

/**
 * The app's 404 page. Next's built-in one styles itself inline, which the pages' CSP (style-src without
 * 'unsafe-inline') refuses; this one uses the app's stylesheet. A server component: it needs no script.
 */
export default async function NotFound() {
  const t = await getTranslations('pages');
  return (
    <main className="auth">
      <div className="auth-card">
        <h1>{t('notFoundTitle')}</h1>
        <p className="muted">{t('notFoundBody')}</p>
        <a className="btn btn-primary btn-block" href="/">
          {t('notFoundLink')}
        </a>
      </div>
    </main>
  );
}
