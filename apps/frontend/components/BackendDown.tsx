import { getTranslations } from 'next-intl/server';

/**
 * Shown when the server could not reach the backend while rendering a page. A server component: "Try again" is a
 * link to this same address, so the page needs no script of its own for it.
 */
export async function BackendDown() {
  const t = await getTranslations('pages');
  return (
    <main className="auth">
      <div className="auth-card" role="alert">
        <h1>{t('downTitle')}</h1>
        <p className="muted">{t('downBody')}</p>
        <a className="btn btn-primary btn-block" href="">
          {t('downRetry')}
        </a>
      </div>
    </main>
  );
}
