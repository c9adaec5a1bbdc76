'use client';

import type { Settings } from '@todo/shared';
import { useCallback, useState } from 'react';
import { UserSettingsProvider, useSaveFirstTimeZone } from '@/lib/client/user-settings';
import type { SessionUser } from '@/lib/server/session';
import { ChatPanel } from './chat/ChatPanel';
import { Header } from './Header';
import { TaskPanel } from './TaskPanel';

/** The signed-in screen: chat and tasks side by side; a chat turn that changes tasks refreshes the task list. */
export function Workspace({ user, settings }: { user: SessionUser; settings: Settings | null }) {
  return (
    <UserSettingsProvider initial={settings}>
      <WorkspaceBody user={user} />
    </UserSettingsProvider>
  );
}

function WorkspaceBody({ user }: { user: SessionUser }) {
  useSaveFirstTimeZone(user.id);
  const [tasksVersion, setTasksVersion] = useState(0);
  const tasksChanged = useCallback(() => setTasksVersion((v) => v + 1), []);
  return (
    <div className="app">
      <Header email={user.email} current="home" />
      <main className="workspace">
        <ChatPanel userId={user.id} onTasksChanged={tasksChanged} />
        <TaskPanel userId={user.id} version={tasksVersion} />
      </main>
    </div>
  );
}
