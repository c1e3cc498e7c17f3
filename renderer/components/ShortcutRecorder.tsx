import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { formatShortcut, recordShortcut } from '../lib/shortcut';
import { SyncedText } from './SyncedText';

interface Props {
  id: string;
  label: string;
  /** The accelerator in use, e.g. CommandOrControl+Shift+S. */
  value: string;
  mac: boolean;
  error?: string | null;
  onSave(accelerator: string): Promise<boolean>;
}

type State = { kind: 'idle' } | { kind: 'recording'; shown: string; refused: string | null };

/**
 * A shortcut is recorded by pressing it, as in every Mac app: click, press the keys, done. Esc
 * cancels (and, while recording, does not close the popover); leaving the field cancels too.
 */
export function ShortcutRecorder({ id, label, value, mac, error, onSave }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const recording = state.kind === 'recording';

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    // Every key goes to the recorder: none may type, submit, move focus or close the popover.
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape' && !e.metaKey && !e.ctrlKey && !e.altKey && !e.shiftKey) {
      setState({ kind: 'idle' });
      return;
    }
    const result = recordShortcut(e, mac);
    if (result.kind === 'modifiers') setState({ ...state, shown: result.shown });
    else if (result.kind === 'refused')
      setState({ kind: 'recording', shown: '', refused: result.reason });
    else {
      setState({ kind: 'idle' });
      if (result.accelerator !== value) void onSave(result.accelerator);
    }
  };

  const shown = formatShortcut(value, mac);
  return (
    <div className="setting">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="row">
        <button
          id={id}
          type="button"
          className={recording ? 'shortcut-field recording' : 'shortcut-field'}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          onClick={() => !recording && setState({ kind: 'recording', shown: '', refused: null })}
          onKeyDown={onKeyDown}
          onBlur={() => setState({ kind: 'idle' })}
        >
          {recording ? (
            <span className="secondary">{state.shown || 'Press the new shortcut'}</span>
          ) : (
            <kbd className="keys">{shown}</kbd>
          )}
        </button>
      </div>
      <p
        id={`${id}-hint`}
        className={recording && state.refused ? 'warn small-text' : 'secondary small-text'}
        role={recording && state.refused ? 'alert' : undefined}
      >
        {recording
          ? (state.refused ?? `Press keys with ${mac ? '⌘ or ⌃' : 'Ctrl'}; Esc cancels.`)
          : 'Click to record a new shortcut.'}
      </p>
      {error && (
        <p id={`${id}-error`} className="error-text small-text" role="alert">
          <SyncedText text={error} multiline />
        </p>
      )}
    </div>
  );
}
