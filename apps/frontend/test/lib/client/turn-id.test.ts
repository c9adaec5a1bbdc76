import { chatRequestSchema } from '@todo/shared';
import { describe, expect, it } from 'vitest';
import { newTurnId } from '@/lib/client/turn-id';

describe('newTurnId', () => {
  it('GIVEN many new ids THEN each is a version-4 UUID the chat request accepts, and none repeats', () => {
    const ids = Array.from({ length: 2000 }, newTurnId);
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(chatRequestSchema.safeParse({ message: 'hi', turn_id: id }).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
