import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths';

type PlatformProblem = (tools: string[], platform?: string, arch?: string) => string | undefined;
// Loaded by path: the script is plain JavaScript outside the package.
const { platformProblem } = (await import(join(repoRoot, 'scripts/install-helm.mjs'))) as {
  platformProblem: PlatformProblem;
};

describe('install-helm.mjs platformProblem', () => {
  it('GIVEN linux/amd64 WHEN checked THEN the bundled helm runs there', () => {
    expect(platformProblem(['helm'], 'linux', 'x64')).toBeUndefined();
  });

  it('GIVEN macOS on arm64 WHEN checked THEN it names the platform and the command to install helm', () => {
    expect(platformProblem(['helm'], 'darwin', 'arm64')).toMatch(
      /linux\/amd64 only \(this machine is darwin\/arm64\)\. Install: `brew install helm`/,
    );
  });

  it('GIVEN linux on arm64 WHEN checked THEN it points at the helm install page', () => {
    expect(platformProblem(['helm', 'kubectl'], 'linux', 'arm64')).toContain(
      'https://helm.sh/docs/intro/install/',
    );
  });
});
