import { Fragment } from 'react';
import { useCopy } from '../hooks/use-copy';
import { Escapes } from './SyncedText';

interface Props {
  /** The command as the sanitizer left it: shown and copied exactly so. */
  command: string;
  /** The sanitizer changed it: its escapes are marked. */
  escaped: boolean;
}

/** One continue-here command with its own copy button, shown on hover and on keyboard focus. */
export function CommandLine({ command, escaped }: Props) {
  const { state, copy } = useCopy();
  return (
    <li className="command" data-copy={state ?? undefined}>
      <code>
        <Wrappable command={command} escaped={escaped} />
      </code>
      <button
        type="button"
        className="line-copy"
        aria-label={`Copy command: ${command}`}
        onClick={() => copy(command)}
      >
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      </button>
      {/* Always in the DOM, so screen readers announce the text when it appears. */}
      <span className="copy-tip" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </li>
  );
}

/**
 * The command with line breaks where a reader expects them when it is wider than the popover:
 * between words and after a `/` in a path, never inside `--resume` or a session id. Each piece is
 * an inline block, so it moves to the next line whole and breaks inside only when a line cannot
 * hold it. The text is unchanged, so a selection copies exactly the command.
 */
function Wrappable({ command, escaped }: Props) {
  return command.split(/( +)/).map((word, i) => (
    <Fragment key={i}>
      {/^ *$/.test(word)
        ? word
        : word.split(/(?<=[^/]\/)(?=.)/).map((piece, j) => (
            <Fragment key={j}>
              {j > 0 && <wbr />}
              <span className="word">{escaped ? <Escapes text={piece} /> : piece}</span>
            </Fragment>
          ))}
    </Fragment>
  ));
}

function CopyIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d="M3 8.5l3.2 3L13 4.5" />
    </svg>
  );
}
