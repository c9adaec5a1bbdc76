export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Parses a text/event-stream body into events as bytes arrive (WHATWG server-sent events framing: `event:` and
 * `data:` fields, blank line ends an event, `:` lines are comments).
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];

  // Returns the finished event when `line` is the blank line that ends one.
  const take = (line: string): SseEvent | undefined => {
    if (line === '') {
      const done = data.length ? { event, data: data.join('\n') } : undefined;
      event = 'message';
      data = [];
      return done;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    return undefined;
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (;;) {
        const nl = buffer.search(/\r\n|\r(?=[^\n])|\n/);
        if (nl === -1) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        const ev = take(line);
        if (ev) yield ev;
      }
    }
    // Whatever is left was never ended by a blank line: a cut stream. The SSE spec discards such an event, so a
    // turn cut inside its `done` reads as interrupted, not as a done event with half its data.
  } finally {
    reader.releaseLock();
  }
}
