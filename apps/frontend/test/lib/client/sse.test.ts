import { describe, expect, it } from 'vitest';
import { readSse } from '../../../lib/client/sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
}

async function collect(chunks: string[]) {
  const out = [];
  for await (const e of readSse(streamOf(chunks))) out.push(e);
  return out;
}

describe('readSse', () => {
  it('GIVEN events split across arbitrary chunk boundaries WHEN read THEN each event comes out whole and in order', async () => {
    expect(
      await collect([
        'event: conv',
        'ersation\ndata: {"conversation_id":"c1"}\n',
        '\nevent: delta\nda',
        'ta: {"text":"Hi"}\n\n',
      ]),
    ).toEqual([
      { event: 'conversation', data: '{"conversation_id":"c1"}' },
      { event: 'delta', data: '{"text":"Hi"}' },
    ]);
  });

  it('GIVEN CRLF line endings, comments and multi-line data WHEN read THEN data lines are joined and comments skipped', async () => {
    expect(await collect([': keep-alive\r\n\r\ndata: a\r\ndata: b\r\n\r\n'])).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('GIVEN a stream that ends inside an event (no blank line after it) WHEN read THEN that event is dropped, as the SSE spec says', async () => {
    expect(await collect(['event: delta\ndata: {"text":"a"}\n\n', 'event: done\ndata: {}\n'])).toEqual([
      { event: 'delta', data: '{"text":"a"}' },
    ]);
    expect(await collect(['event: done\ndata: {"conversation_id":"c1","resp'])).toEqual([]);
  });
});
