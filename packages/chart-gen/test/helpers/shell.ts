import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Constructs macOS's bash 3.2 lacks, and GNU-only tool options macOS's BSD tools lack. Each pattern finds a use;
 * `emptyArrays` adds the set -u trap: in bash < 4.4 "${a[@]}" of an empty array is an unbound variable.
 */
const BASH4: readonly (readonly [RegExp, string])[] = [
  [/\b(declare|local|typeset)\s+-[a-zA-Z]*A/, 'associative arrays (bash 4)'],
  [/\b(declare|local|typeset)\s+-[a-zA-Z]*n\b/, 'namerefs (bash 4.3)'],
  [/\b(mapfile|readarray)\b/, 'mapfile/readarray (bash 4)'],
  [/\$\{[A-Za-z_][A-Za-z0-9_]*(\^\^?|,,?)\}/, 'case modification ${x,,} (bash 4)'],
  [/;;&|;&/, 'case fall-through (bash 4)'],
  [/\|&/, '|& (bash 4)'],
  [/&>>/, '&>> (bash 4)'],
  [/\bcoproc\b/, 'coproc (bash 4)'],
  [/\bwait\s+-n\b/, 'wait -n (bash 4.3)'],
  [/\[\[\s+-v\s/, '[[ -v ]] (bash 4.2)'],
  [/\$(EPOCHSECONDS|EPOCHREALTIME|BASHPID)\b/, '$EPOCHSECONDS/$BASHPID (bash 4+)'],
  [/printf\s+['"]%\(/, 'printf %(…)T (bash 4.2)'],
  [/(^|[\s;|&(])timeout\s/, 'GNU timeout (not on macOS)'],
  [/readlink\s+-f\b/, 'readlink -f (GNU)'],
  [/\bsed\s+-i\s/, 'sed -i without a suffix (GNU)'],
  [/\bdate\s+-d\b/, 'date -d (GNU)'],
  [/\bgrep\s+-[a-zA-Z]*P/, 'grep -P (GNU)'],
  [/\bstat\s+-c\b/, 'stat -c (GNU)'],
];

/** Lines of a bash script that would fail on macOS (bash 3.2, BSD tools); comments are ignored. */
export function bash32Problems(script: string): string[] {
  const problems: string[] = [];
  const lines = script.split('\n');
  const emptyArrays = new Set([...script.matchAll(/\b([A-Za-z_]\w*)=\(\)/g)].map((m) => m[1]!));
  lines.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '');
    for (const [re, what] of BASH4) if (re.test(line)) problems.push(`line ${i + 1}: ${what}: ${raw.trim()}`);
    for (const name of emptyArrays) {
      const bare = new RegExp(`(?<!\\+)"\\$\\{${name}\\[@\\]\\}"`);
      if (bare.test(line.replace(new RegExp(`\\$\\{${name}\\[@\\]\\+"\\$\\{${name}\\[@\\]\\}"\\}`, 'g'), '')))
        problems.push(`line ${i + 1}: "\${${name}[@]}" of a possibly empty array under set -u (bash < 4.4)`);
    }
  });
  return problems;
}

/** Records invocations of stub commands: one line per call, fields separated by \x1f (command first). */
export const FIELD = '\x1f';

/** Writes executable stubs into `dir/bin`; each appends its argv to `dir/calls` and runs `body`. */
export function writeStubs(dir: string, stubs: Readonly<Record<string, string>>): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(stubs)) {
    const file = join(bin, name);
    writeFileSync(
      file,
      `#!/usr/bin/env bash\nSTATE=${JSON.stringify(dir)}\n(IFS=$'\\x1f'; printf '%s\\n' "${name}$IFS$*") >>"$STATE/calls"\n${body}\n`,
    );
    chmodSync(file, 0o755);
  }
  return bin;
}
