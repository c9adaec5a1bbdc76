import { leaf, type ValueNode } from '../tree';

/** `fullnameOverride`: the prefix of every resource name (short enough for the longest suffix). */
export const fullnameOverride = (): ValueNode =>
  leaf('Prefix of every resource name; empty uses the release name.', '', { type: 'string', maxLength: 50 });
