import { describe, expect, it } from 'vitest';
import { titleFrom } from '../../src/chat/repository';

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
