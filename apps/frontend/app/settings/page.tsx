import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { BackendDown } from '@/components/BackendDown';
import { SettingsView } from '@/components/SettingsView';
import { getSession } from '@/lib/server/session';
import { getSettings } from '@/lib/server/settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('settings') };
}
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const session = await getSession();
  if (session.status === 'unavailable') return <BackendDown />;
  if (session.status === 'signed-out') redirect('/sign-in');
  return <SettingsView user={session.user} settings={await getSettings(session.user.id)} />;
}
