import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, nonEmpty, str } from '../schemas';

/** `aiops`: optional kagent objects that let an agent use the app's MCP server. */
export function aiops(config: ReleaseConfig): ValueNode {
  const kagent = config.aiops.kagent;
  return group('AIOps helpers (kagent); optional, the app never needs them.', {
    kagent: group('kagent RemoteMCPServer + Agent; rendered when enabled or when the kagent CRDs exist.', {
      enabled: leaf('Render the kagent objects even when the CRDs are not detected.', kagent.enabled, bool),
      namespace: leaf(
        'Namespace of kagent, where its ModelConfig and tool server live; the objects go there.',
        kagent.namespace,
        nonEmpty,
      ),
      modelConfig: leaf('kagent ModelConfig the Agent uses.', kagent.modelConfig, nonEmpty),
      tokenSecret: group(
        'Secret in the kagent namespace holding the Authorization header value ("Bearer <MCP token>").',
        {
          name: leaf('Secret name.', kagent.tokenSecret.name, nonEmpty),
          key: leaf('Key in the Secret.', kagent.tokenSecret.key, nonEmpty),
        },
      ),
      k8sToolServer: leaf(
        "kagent's Kubernetes tool server (RemoteMCPServer in the kagent namespace); empty leaves it out.",
        kagent.k8sToolServer,
        str,
      ),
      k8sTools: leaf('Tools the Agent may use from the Kubernetes tool server.', [...kagent.k8sTools], {
        type: 'array',
        items: str,
      }),
    }),
  });
}
