import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseVersion, todoChatbot } from '../../src/config/todo-chatbot';
import { repoRoot } from '../../src/paths';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const major = (tag: string) => /^(\d+)/.exec(tag)?.[1];

describe('releaseVersion', () => {
  it('GIVEN both apps at one version WHEN resolved THEN it is the chart appVersion', () => {
    expect(releaseVersion({ backend: '1.2.3', frontend: '1.2.3' })).toBe('1.2.3');
    expect(todoChatbot.chart.appVersion).toBe(JSON.parse(read('apps/frontend/package.json')).version);
  });

  it('GIVEN the apps at different versions WHEN resolved THEN it throws naming both', () => {
    expect(() => releaseVersion({ backend: '1.2.3', frontend: '1.3.0' })).toThrow(
      /backend 1\.2\.3, frontend 1\.3\.0/,
    );
  });
});

describe('the Postgres version', () => {
  const chartMajor = major(todoChatbot.database.postgres.tag);

  it('GIVEN the chart tag WHEN read THEN it names one major version', () => {
    expect(chartMajor).toMatch(/^\d+$/);
  });

  it('GIVEN compose.yaml, its test and the stand-in image script WHEN read THEN they use the chart major', () => {
    expect(major(/\$\{POSTGRES_IMAGE:-postgres:([^}]+)\}/.exec(read('compose.yaml'))?.[1] ?? '')).toBe(
      chartMajor,
    );
    expect(
      major(
        /POSTGRES_IMAGE \|\| 'postgres:([^']+)'/.exec(read('scripts/containers/compose-test.mjs'))?.[1] ?? '',
      ),
    ).toBe(chartMajor);
    expect(/PG_MAJOR="\$\{PG_MAJOR:-(\d+)\}"/.exec(read('scripts/containers/postgres-image.sh'))?.[1]).toBe(
      chartMajor,
    );
  });
});
