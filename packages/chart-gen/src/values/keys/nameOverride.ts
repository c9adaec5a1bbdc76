import { leaf, type ValueNode } from '../tree';
import { str } from '../schemas';

/** `nameOverride`: the chart name in the app.kubernetes.io/name labels. */
export const nameOverride = (): ValueNode =>
  leaf('Replaces the chart name in the app.kubernetes.io/name labels.', '', str);
