import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseVersion, todoChatbot } from '../../src/config/todo-chatbot';
import { valueAt } from '../../src/k8s/manifest';
import { repoRoot } from '../../src/paths';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const major = (tag: string) => /^(\d+)/.exec(tag)?.[1];

describe('releaseVersion', () => {
  it('GIVEN both apps at one version WHEN resolved THEN it is the chart appVersion', () => {
    expect(releaseVersion({ backend: '1.2.3', frontend: '1.2.3' })).toBe('1.2.3');
    expect(todoChatbot.chart.appVersion).toBe(
      valueAt(JSON.parse(read('apps/frontend/package.json')), 'version'),
    );
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
        /POSTGRES_IMAGE \|\| 'postgres:([^']+)'/.exec(read('scripts/containers/compose.test.mjs'))?.[1] ?? '',
      ),
    ).toBe(chartMajor);
    expect(/PG_MAJOR="\$\{PG_MAJOR:-(\d+)\}"/.exec(read('scripts/containers/postgres-image.sh'))?.[1]).toBe(
      chartMajor,
    );
  });
});

describe('kagent agent tools', () => {
  it("GIVEN the backend's task tools WHEN compared with the Agent's tool lists THEN read lists exactly the read-only tools and write the rest", async () => {
    // Imported at run time so the chart's typecheck does not pull in the backend's sources.
    const path = join(repoRoot, 'apps/backend/src/tasks/tools.ts');
    const { TASK_TOOLS } = (await import(/* @vite-ignore */ path)) as {
      TASK_TOOLS: readonly { name: string; annotations: { readOnlyHint: boolean } }[];
    };
    const { read, write } = todoChatbot.aiops.kagent.agent.appTools;

    const readOnly = TASK_TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name);
    const writing = TASK_TOOLS.filter((t) => !t.annotations.readOnlyHint).map((t) => t.name);

    expect([...read].sort()).toEqual(readOnly.sort());
    expect([...write].sort()).toEqual(writing.sort());
    expect(todoChatbot.aiops.kagent.agent.appTools.writeEnabled).toBe(false);
  });
});

describe('docs/aiops.md', () => {
  it('GIVEN the kagent config WHEN the AIOps guide is read THEN it names the API, the version range, the read tools and the token scopes', () => {
    const guide = read('docs/aiops.md');
    const { apiVersion, knownGoodVersions, agent } = todoChatbot.aiops.kagent;

    expect(guide).toContain(apiVersion);
    expect(guide).toContain(`from ${knownGoodVersions[0]} to ${knownGoodVersions.at(-1)}`);
    for (const tool of agent.appTools.read) expect(guide).toContain(`\`${tool}\``);
    expect(guide).toContain('["mcp","tasks:read"]');
    // kagent's charts do not create their namespace; kubectl-ai needs --quiet to answer once and exit.
    expect(guide).toContain('--create-namespace');
    expect(guide).toMatch(/kubectl-ai --quiet "/);
  });
});
