import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthForm } from '@/components/AuthForm';
import { getSession } from '@/lib/server/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('signIn') };
}

export default async function SignInPage() {
  if ((await getSession()).status === 'signed-in') redirect('/');
  return <AuthForm mode="sign-in" />;
}
