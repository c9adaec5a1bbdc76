import { defineConfig } from 'vitest/config';

// The container checks (scripts/containers): each a vitest project, run by scripts/containers/ci.sh once the images are
// built (podman, a Docker API, Postgres), never by `pnpm test`. The package scripts test:smoke and test:compose name
// the JSON report that scripts/ci/sum-reports.mjs adds to CI's count. The checks in a file run in order and share
// what earlier ones made (containers, an account), so one file is one sequence.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: 'smoke', include: ['containers/smoke.test.mjs'] } },
      { extends: true, test: { name: 'compose', include: ['containers/compose.test.mjs'] } },
    ],
  },
});
