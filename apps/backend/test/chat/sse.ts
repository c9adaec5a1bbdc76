import { chatEventSchemas, type ChatEvent, type ChatEventName } from '@todo/shared';

/**
 * Parses a complete text/event-stream body into its events (comment lines such as keepalives are skipped), each
 * with the schema the browser parses it with; an event of no known name is a failure.
 */
export function parseSse(body: string): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const block of body.split('\n\n')) {
    let event = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!event) continue;
    if (!Object.hasOwn(chatEventSchemas, event)) throw new Error(`unknown chat event ${event}`);
    const name = event as ChatEventName;
    events.push({ event: name, data: chatEventSchemas[name].parse(JSON.parse(data)) } as ChatEvent);
  }
  return events;
}
