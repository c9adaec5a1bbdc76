import { describe, expect, it } from 'vitest';
import { conversationTitle, titleFrom } from '../../src/chat/titles';

describe('titleFrom', () => {
  it('GIVEN a short first message THEN it is the title, whitespace collapsed', () => {
    expect(titleFrom('  Add a task   to buy groceries ')).toBe('Add a task to buy groceries');
  });

  it('GIVEN several lines THEN only the first line is used', () => {
    expect(titleFrom('Plan the week\nmonday: gym\ntuesday: dentist')).toBe('Plan the week');
  });

  it('GIVEN a long message THEN it is cut at a word boundary with an ellipsis, at most 80 characters', () => {
    const title = titleFrom('please remember that '.repeat(10));
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith('…')).toBe(true);
    expect(title).toMatch(/^please remember that please/);
    expect(title.slice(0, -1).endsWith(' ')).toBe(false);
  });
});

describe('conversationTitle', () => {
  const time = { now: new Date('2026-11-27T18:05:00Z'), zone: 'America/Los_Angeles' };

  it.each([
    ['hey can you add a task to buy milk tomorrow', 'Buy milk'],
    ['add buy milk and call mom', 'Buy milk, Call mom'],
    ['remind me at 5pm to call the dentist', 'Call the dentist'],
    ["what's still pending?", "what's still pending?"],
    ['delete the meeting task', 'delete the meeting task'],
  ])('GIVEN a first message "%s" THEN the conversation is titled "%s"', (message, title) => {
    expect(conversationTitle(message, time)).toBe(title);
  });

  it('GIVEN a message adding many tasks THEN the title is cut at a word boundary', () => {
    const many = `add ${Array.from({ length: 12 }, (_, i) => `errand number ${i + 1}`).join(', ')}`;
    const title = conversationTitle(many, time);
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.startsWith('Errand number 1')).toBe(true);
  });
});
