import type { ChatEvent } from '@todo/shared';

/** Parses a complete text/event-stream body into its events (comment lines such as keepalives are skipped). */
export function parseSse(body: string): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const block of body.split('\n\n')) {
    let event = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (event) events.push({ event, data: JSON.parse(data) } as ChatEvent);
  }
  return events;
}
