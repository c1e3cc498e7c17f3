import type { Checkpoint, ContinueHere } from '../../electron/shared/contract';
import { useCopy } from '../hooks/use-copy';
import { CommandLine } from './CommandLine';
import { ConversationRow } from './ConversationRow';

interface Props {
  cont: ContinueHere;
  checkpoint: Checkpoint;
  /** "this Mac" or "this machine". */
  localLabel: string;
  /** Fetches continue-here again (after a conversation was installed here). */
  onChanged(): void;
}

/** "Continue here": the commands to pick up on this machine, each copyable, and the conversation. */
export function ContinueBox({ cont, checkpoint, localLabel, onChanged }: Props) {
  const { state, copy } = useCopy();
  const { commands, warnings, conversation } = cont;
  const showConversation = conversation !== null && conversation.status !== 'elsewhere';
  if (commands.length === 0 && warnings.length === 0 && !showConversation) return null;
  return (
    <section className="continue" aria-label="Continue here">
      <div className="continue-head">
        <span className="continue-title">Continue here</span>
        {commands.length > 0 && (
          <button type="button" className="small" onClick={() => copy(commands.join('\n'))}>
            {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
          </button>
        )}
      </div>
      {commands.length > 0 && (
        <ul className="mono commands" aria-label="Commands">
          {commands.map((command, i) => (
            <CommandLine key={`${i}:${command}`} command={command} />
          ))}
        </ul>
      )}
      {conversation && (
        <ConversationRow
          conversation={conversation}
          checkpoint={checkpoint}
          hasClone={cont.localPath !== null}
          localLabel={localLabel}
          onInstalled={onChanged}
        />
      )}
      {warnings.map((w, i) => (
        <p key={i} className="warn small-text">
          ⚠ {w}
        </p>
      ))}
    </section>
  );
}
