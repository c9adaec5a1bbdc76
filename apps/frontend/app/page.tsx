import { redirect } from 'next/navigation';
import { BackendDown } from '@/components/BackendDown';
import { Workspace } from '@/components/Workspace';
import { getSession } from '@/lib/server/session';
import { getSettings } from '@/lib/server/settings';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const session = await getSession();
  if (session.status === 'unavailable') return <BackendDown />;
  if (session.status === 'signed-out') redirect('/sign-in');
  return <Workspace user={session.user} settings={await getSettings(session.user.id)} />;
}
