// Next runs this in the browser before any page module loads.
//
// Zod checks once whether it may compile its parsers with `new Function`. The pages' Content-Security-Policy has
// no 'unsafe-eval', so that check is refused and the browser reports a violation; zod parses just as well without
// compiling, so it is told not to try. Zod reads its settings from this global (shared by every copy of zod), which
// must be set before the first schema is built — hence here rather than in a page module.
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(scope.__zod_globalConfig ??= {}).jitless = true;
