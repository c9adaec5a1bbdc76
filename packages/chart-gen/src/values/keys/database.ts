import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';

/** `database`: bundled Postgres or an external one. */
export const database = (config: ReleaseConfig): ValueNode =>
  group('Where the data lives: bundled Postgres, or an external database such as Neon.', {
    mode: leaf(
      'bundled runs Postgres in the release; external uses database.url or existingSecret (Neon).',
      config.database.mode,
      { type: 'string', enum: ['bundled', 'external'] },
    ),
    url: leaf(
      'External connection string (mode external); prefer existingSecret with a DATABASE_URL key.',
      '',
      { type: 'string', pattern: '^(|postgres(ql)?://.+)$' },
    ),
  });
