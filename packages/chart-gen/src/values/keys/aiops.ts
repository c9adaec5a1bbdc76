import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, nonEmpty, str } from '../schemas';

const names = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** `aiops`: optional kagent objects that let an agent use the app's MCP server. */
export function aiops(config: ReleaseConfig): ValueNode {
  const kagent = config.aiops.kagent;
  const { agent, remoteMcpServer } = kagent;
  return group('AIOps helpers (kagent); optional, the app never needs them.', {
    kagent: group(
      `kagent RemoteMCPServer + Agent (${kagent.apiVersion}); rendered when enabled or when those CRDs exist.`,
      {
        enabled: leaf('Render the kagent objects even when the CRDs are not detected.', kagent.enabled, bool),
        namespace: leaf(
          'Namespace of kagent, where its ModelConfig and tool server live; the objects go there, and the backend admits this namespace on its port.',
          kagent.namespace,
          nonEmpty,
        ),
        modelConfig: leaf('kagent ModelConfig the Agent uses.', agent.modelConfig, nonEmpty),
        tokenSecret: group(
          'Secret in the kagent namespace holding the Authorization header value ("Bearer <MCP token>"); create the token with scopes ["mcp","tasks:read"].',
          {
            name: leaf('Secret name.', remoteMcpServer.tokenSecret.name, nonEmpty),
            key: leaf('Key in the Secret.', remoteMcpServer.tokenSecret.key, nonEmpty),
          },
        ),
        writeTools: leaf(
          `Let the Agent call the app's write tools too (${agent.appTools.write.join(', ')}); off, it may only call ${agent.appTools.read.join(' and ')}. The token needs tasks:write as well.`,
          agent.appTools.writeEnabled,
          bool,
        ),
        k8sToolServer: leaf(
          "kagent's Kubernetes tool server (RemoteMCPServer in the kagent namespace); empty leaves it out.",
          agent.k8sToolServer,
          str,
        ),
        k8sTools: leaf(
          'Tools the Agent may use from the Kubernetes tool server.',
          [...agent.k8sTools],
          names,
        ),
        metricsTools: leaf(
          `Add the tool server's read-only Prometheus tools (${agent.metricsTools.join(', ')}) so the Agent can see usage; needs a Prometheus the tool server is configured for.`,
          false,
          bool,
        ),
      },
    ),
  });
}
