import type { Checkpoint, ContinueHere } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { useCopy } from '../hooks/use-copy';
import { AgentSessions } from './AgentSessions';
import { CommandLine } from './CommandLine';
import { ConversationRow } from './ConversationRow';
import { SyncedText } from './SyncedText';

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
  const { warnings, conversation } = cont;
  // Commands carry names from the sync folder (a branch, a folder): what is shown is exactly what
  // the copy buttons put on the clipboard, each line sanitized on its own so no line can hold a
  // newline that would run a second command when pasted.
  const commands = cont.commands.map((command) => sanitizeText(command));
  const escaped = commands.some((command, i) => command !== cont.commands[i]);
  const showConversation = conversation !== null && conversation.status !== 'elsewhere';
  const agents = cont.agents ?? [];
  // Claude Code's own line and its conversation row say the same thing: shown as one row, the
  // conversation's (it has the Install button), with the line's title.
  const folded = showConversation
    ? agents.find((a) => a.kind === 'claude-code' && a.sessionId === conversation.sessionId)
    : undefined;
  if (commands.length === 0 && warnings.length === 0 && !showConversation && !agents.length) {
    return null;
  }
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
            <CommandLine
              key={`${i}:${command}`}
              command={command}
              escaped={command !== cont.commands[i]}
            />
          ))}
        </ul>
      )}
      {escaped && (
        <p className="warn small-text">
          ⚠ Hidden characters from the sync folder are shown as{' '}
          <span className="escaped">&lt;U+…&gt;</span>: check these commands before you run them.
        </p>
      )}
      <AgentSessions
        agents={folded ? agents.filter((a) => a !== folded) : agents}
        savedOn={checkpoint.machine.name}
      />
      {conversation && (
        <ConversationRow
          conversation={conversation}
          title={folded?.title ?? null}
          checkpoint={checkpoint}
          hasClone={cont.localPath !== null}
          localLabel={localLabel}
          onInstalled={onChanged}
        />
      )}
      {warnings.map((w, i) => (
        <p key={i} className="warn small-text">
          ⚠ <SyncedText text={w} multiline />
        </p>
      ))}
    </section>
  );
}
