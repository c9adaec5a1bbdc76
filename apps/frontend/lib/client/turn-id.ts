/**
 * A new chat turn id: a random UUID (version 4). crypto.randomUUID() exists only in secure contexts, and the app
 * is also opened over plain http (a cluster's NodePort), where getRandomValues still works. Kept this short on
 * purpose: it ships in the first load of `/`, which is at its 150 kB budget.
 */
export function newTurnId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64; // version 4
  b[8] = (b[8]! & 63) | 128; // RFC 9562 variant
  const hex = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
