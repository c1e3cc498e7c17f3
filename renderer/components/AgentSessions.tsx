import type { AgentLine } from '../../electron/shared/contract';
import { SyncedText } from './SyncedText';

interface Props {
  agents: readonly AgentLine[];
  /** Which machine saved the checkpoint (synced name, shown sanitized). */
  savedOn: string;
}

/** One line per linked coding-agent session: which agent, its title, and where it can resume. */
export function AgentSessions({ agents, savedOn }: Props) {
  if (agents.length === 0) return null;
  return (
    <ul className="agents" aria-label="Agent sessions">
      {agents.map((agent, i) => (
        <li key={`${i}:${agent.kind}:${agent.sessionId}`} className="agent-line">
          <span className="agent-label">
            <SyncedText text={agent.label} />
          </span>
          {agent.title && (
            <span className="agent-title">
              {' '}
              “<SyncedText text={agent.title} />”
            </span>
          )}
          <span className="secondary agent-where">
            {' '}
            · {where(agent.status)}
            {agent.status === 'elsewhere' && <SyncedText text={savedOn} />}
          </span>
        </li>
      ))}
    </ul>
  );
}

function where(status: AgentLine['status']): string {
  switch (status) {
    case 'here':
      return 'resumes here (its command is above)';
    case 'carried':
      return 'carried: install it below';
    case 'downloading':
      return 'carried, still downloading';
    case 'elsewhere':
      return 'stayed on ';
    case 'unknown':
      return 'an agent this version does not know';
    default:
      return 'its id is not valid: no command';
  }
}
