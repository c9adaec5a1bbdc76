// Probe endpoint of the frontend itself: answers without touching the backend so a backend outage does not
// restart healthy frontend pods.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
