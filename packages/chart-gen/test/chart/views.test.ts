import { describe, expect, it } from 'vitest';
import { checkGracePeriod, jobEnv } from '../../src/chart/views';
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

describe('jobEnv', () => {
  const env = todoChatbot.migrations.env;

  it('GIVEN the release config WHEN derived THEN both database Jobs get the URL from the Secret and nothing secret else', () => {
    for (const job of [todoChatbot.migrations.env, todoChatbot.backup.env])
      expect(jobEnv(todoChatbot, job, 'job')).toEqual([
        { name: 'DATABASE_URL', from: 'secret' },
        { name: 'DATABASE_DRIVER', from: 'config' },
      ]);
  });

  it.each(['OPENAI_API_KEY', 'BETTER_AUTH_SECRET', 'OPENAI_BASE_URL'])(
    'GIVEN %s passed to a Job WHEN derived THEN it throws: only the database URL may be a secret',
    (name) => {
      expect(() => jobEnv(todoChatbot, { ...env, pass: ['DATABASE_URL', name] }, 'job')).toThrow(
        /is a secret/,
      );
    },
  );

  it('GIVEN a variable the backend does not read WHEN derived THEN it throws', () => {
    expect(() => jobEnv(todoChatbot, { ...env, pass: ['DATABASE_URLS'] }, 'job')).toThrow(
      /reads no DATABASE_URLS/,
    );
  });
});
