import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// Every page is rendered per request, the not-found page included: each response carries its own CSP nonce
// (see server/security-headers.ts), which a page prerendered at build time could not have on its scripts.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Todo Chatbot',
  description: 'Manage your tasks by talking to an assistant.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7f8' },
    { media: '(prefers-color-scheme: dark)', color: '#141518' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
