import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/AuthForm';
import { getSession } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Sign in · Todo Chatbot' };

export default async function SignInPage() {
  if ((await getSession()).status === 'signed-in') redirect('/');
  return <AuthForm mode="sign-in" />;
}
