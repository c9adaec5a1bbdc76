import { describe, expect, it } from 'vitest';
import { checkGracePeriod } from '../../src/chart/views';
import { todoChatbot } from '../../src/config/todo-chatbot';

const backend = todoChatbot.components.find((c) => c.key === 'backend')!;

describe('checkGracePeriod', () => {
  it('GIVEN the release config WHEN checked THEN every component has room for preStop + shutdown + margin', () => {
    for (const c of todoChatbot.components) expect(() => checkGracePeriod(c)).not.toThrow();
  });

  it('GIVEN a grace period equal to preStop + the shutdown timeout WHEN checked THEN it throws', () => {
    expect(() => checkGracePeriod({ ...backend, terminationGracePeriodSeconds: 30 })).toThrow(
      /terminationGracePeriodSeconds 30 < 35/,
    );
  });
});
