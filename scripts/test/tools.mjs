#!/usr/bin/env node
// Runs before `pnpm test` (the README's command): installs what the suites need beyond Node and pnpm, so a fresh
// clone passes without .ci/run having prepared the machine. Today that is Chromium for the browser tests
// (apps/frontend/e2e, Debian's package; `npx playwright install` cannot download a browser here). As root with apt
// it is installed, with Debian's Noto fonts (fonts-noto-core: Noto Nastaliq Urdu and Naskh Arabic, which the Urdu UI's
// screenshots are drawn in); otherwise the run stops with one line saying what to install. CHROMIUM_PATH skips the
// check.
import { execFileSync, spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const chromium = () => Boolean(process.env.CHROMIUM_PATH) || has('chromium') || has('chromium-browser');

if (!chromium()) {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot || !has('apt-get')) {
    console.error(
      'pnpm test needs Chromium for the browser tests: install it (Debian/Ubuntu: sudo apt-get install -y chromium) ' +
        'or set CHROMIUM_PATH to a Chromium binary',
    );
    process.exit(1);
  }
  console.log('pnpm test: installing Chromium for the browser tests (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-core'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env,
      },
    );
  } catch {
    console.error('pnpm test: apt-get install chromium failed; install Chromium or set CHROMIUM_PATH');
    process.exit(1);
  }
  if (!chromium()) {
    console.error('pnpm test: chromium is still not on PATH after apt-get; set CHROMIUM_PATH');
    process.exit(1);
  }
}
