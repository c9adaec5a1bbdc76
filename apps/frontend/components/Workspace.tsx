'use client';

import type { Settings } from '@todo/shared';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useT } from '@/i18n/client';
import { useAfterLoad } from '@/lib/client/after-load';
import { isLiveConnected } from '@/lib/client/live';
import { UserSettingsProvider } from '@/lib/client/user-settings';
import type { SessionUser } from '@/lib/server/session';
import { Announcer } from './Announcer';
import { ChatPanel } from './chat/ChatPanel';
import { Header } from './Header';
import { TaskPanel } from './TaskPanel';

// Reminder toasts and browser notifications: nothing to show before the page has loaded, so loaded after it.
const ReminderCenter = lazy(() => import('./reminders/ReminderCenter'));
const SaveFirstTimeZone = lazy(() => import('@/lib/client/save-first-zone'));

/**
 * The signed-in screen: chat and tasks side by side. Task changes reach the task list as live events; a chat turn
 * that changes tasks reloads the list only while the live stream is down.
 */
export function Workspace({ user, settings }: { user: SessionUser; settings: Settings | null }) {
  return (
    <UserSettingsProvider initial={settings}>
      <WorkspaceBody user={user} />
    </UserSettingsProvider>
  );
}

function WorkspaceBody({ user }: { user: SessionUser }) {
  const [tasksVersion, setTasksVersion] = useState(0);
  const tasksChanged = useCallback(() => {
    if (!isLiveConnected()) setTasksVersion((v) => v + 1);
  }, []);
  // Narrow screens show one panel at a time, full height (two stacked cards scrolling inside each other
  // showed two tasks); wide screens show both and hide the switch.
  const [view, setView] = useState<'chat' | 'tasks'>('chat');
  const loaded = useAfterLoad();
  const t = useT('workspace');
  const tc = useT('common');
  return (
    <div className="app">
      {/* First in the tab order: past the header and the conversation list straight to typing. */}
      <a className="skip-link" href="#chat-input" onClick={() => setView('chat')}>
        {t('skip')}
      </a>
      <Header name={user.name} email={user.email} current="home" />
      {loaded && (
        <Suspense fallback={null}>
          <ReminderCenter userId={user.id} />
          <SaveFirstTimeZone userId={user.id} />
        </Suspense>
      )}
      {/* A landmark of its own: everything on the page sits in one, so a screen reader's landmark list reaches it. */}
      <nav className="view-switch" aria-label={t('panels')}>
        {(['chat', 'tasks'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(v)}
          </button>
        ))}
      </nav>
      <main className="workspace" data-view={view}>
        <h1 className="sr-only">{tc('appName')}</h1>
        <ChatPanel userId={user.id} onTasksChanged={tasksChanged} />
        <TaskPanel userId={user.id} version={tasksVersion} />
      </main>
      <Announcer />
    </div>
  );
}
