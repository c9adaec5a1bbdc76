import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where charts/ and k8s/ are written (chart-gen lives in packages/chart-gen/src). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
