import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, digest, nonEmpty, pullPolicy, resources, scheduling, str, volumeClaim } from '../schemas';

const identifier = { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' } as const;

/** `postgresql`: the bundled Postgres StatefulSet. */
export function postgresql(config: ReleaseConfig): ValueNode {
  const pg = config.database.postgres;
  return group('Bundled Postgres (database.mode bundled).', {
    image: group('Postgres image; image.registry (the app images) does not apply to it.', {
      registry: leaf(
        "Registry of the Postgres image (e.g. a mirror); empty uses the container runtime's default (Docker Hub).",
        pg.registry,
        str,
      ),
      repository: leaf('Image repository.', pg.image, nonEmpty),
      tag: leaf(
        'Image tag: one Postgres major version everywhere (this chart, compose.yaml, the test databases).',
        pg.tag,
        nonEmpty,
      ),
      digest: leaf(
        'Image digest (sha256:…); pins the exact image and overrides the tag when set.',
        '',
        digest,
      ),
      pullPolicy: leaf('Pull policy of the Postgres image.', 'IfNotPresent', pullPolicy),
    }),
    auth: group(
      'Database and role created on first start; the password is generated and kept in the Secret.',
      {
        username: leaf('Role the backend connects as.', pg.username, identifier),
        database: leaf('Database the backend uses.', pg.database, identifier),
      },
    ),
    persistence: group('Data volume.', {
      enabled: leaf(
        'Keep data in a PersistentVolumeClaim; false uses an emptyDir (data lost with the pod).',
        true,
        bool,
      ),
      ...volumeClaim(pg.storage),
    }),
    resources: resources('CPU/memory requests and limits of Postgres.', pg.resources),
    ...scheduling('the Postgres pod'),
  });
}
