import { describe, expect, it } from 'vitest';
import { frameSplitter, type Frame } from '../src/sse.mjs';

describe('frameSplitter', () => {
  it('GIVEN frames split across chunks WHEN fed THEN each complete frame comes out once, with its fields and comments', () => {
    const frames: Frame[] = [];
    const feed = frameSplitter((f) => frames.push(f));
    feed(': connected\n\nid: 7\nevent: task.created\nda');
    expect(frames).toEqual([{ comment: 'connected' }]);
    feed('ta: {"a":1}\n\nevent: reminder\n');
    expect(frames).toEqual([{ comment: 'connected' }, { id: '7', event: 'task.created', data: '{"a":1}' }]);
    feed('data:{"b":2}\n\n');
    expect(frames[2]).toEqual({ event: 'reminder', data: '{"b":2}' });
  });
});
