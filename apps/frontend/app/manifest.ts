import type { MetadataRoute } from 'next';

/** The web app manifest (served as /manifest.webmanifest): lets a phone add the app to its home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Todo Chatbot',
    short_name: 'Todos',
    description: 'Manage your tasks by talking to an assistant.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f7f7f8',
    theme_color: '#4f46e5',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      // Full-bleed, the mark inside the safe zone, for launchers that cut icons into circles or squircles.
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
