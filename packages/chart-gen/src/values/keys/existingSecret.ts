import { leaf, type ValueNode } from '../tree';
import { str } from '../schemas';

/** `existingSecret`: a Secret the user created, instead of the one the chart generates. */
export const existingSecret = (): ValueNode =>
  leaf(
    `Existing Secret (created with kubectl, so no secret sits in values files) holding the secret settings (${[
      'BETTER_AUTH_SECRET',
      'DATABASE_URL',
      'POSTGRES_PASSWORD (bundled database)',
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
    ].join(', ')}); the chart then creates no Secret.`,
    '',
    str,
  );
