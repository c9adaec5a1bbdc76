import { leaf, type ValueNode } from '../tree';
import { stringMap } from '../schemas';

/** `commonLabels`: labels on every resource. */
export const commonLabels = (): ValueNode => leaf('Labels added to every resource.', {}, stringMap);
