/*
 * The rrule library, imported once. rrule 2.8 publishes its ES module only through the "module" field, which
 * bundlers and vitest read; Node's own loader (tsx in `pnpm dev`) takes the CommonJS build instead, whose named
 * exports sit on `default`. Both shapes are accepted here so every caller can simply import { RRule }.
 */
import * as rruleModule from 'rrule';

type RRuleModule = typeof rruleModule;
const loaded: RRuleModule =
  'RRule' in rruleModule && rruleModule.RRule
    ? rruleModule
    : (rruleModule as unknown as { default: RRuleModule }).default;

export const RRule = loaded.RRule;
export type RRule = rruleModule.RRule;
export type RRuleOptions = rruleModule.Options;
export const Frequency = loaded.Frequency;
