'use client';

import { useCallback, useState } from 'react';
import type { SessionUser } from '@/lib/server/session';
import { ChatPanel } from './ChatPanel';
import { Header } from './Header';
import { TaskPanel } from './TaskPanel';

/** The signed-in screen: chat and tasks side by side; a chat turn that touches tasks refreshes the task list. */
export function Workspace({ user }: { user: SessionUser }) {
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
