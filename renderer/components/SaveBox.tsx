import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Checkpoint } from '../../electron/shared/contract';
import { useBridge } from '../hooks/bridge-context';
import { hasCommandKey, saveHint } from '../lib/platform';
import { NextSteps } from './NextSteps';
import { RepoPicker } from './RepoPicker';
import { SyncedText } from './SyncedText';

interface Props {
  mac: boolean;
  canPickFolder: boolean;
  /** Changes whenever the save box should take focus (popover opened, global shortcut). */
  focusSignal: number;
  onSaved(checkpoint: Checkpoint, warnings: string[]): void;
}

/** The save box: what you are working on, next steps, repo, optional tests; ⌘↩ saves. */
export function SaveBox({ mac, canPickFolder, focusSignal, onSaved }: Props) {
  const bridge = useBridge();
  const taskRef = useRef<HTMLTextAreaElement>(null);
  const [task, setTask] = useState('');
  const [next, setNext] = useState<string[]>([]);
  const [repo, setRepo] = useState<string | null>(null);
  const [testsOpen, setTestsOpen] = useState(false);
  const [testCommand, setTestCommand] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => taskRef.current?.focus(), [focusSignal]);

  const save = async () => {
    if (saving) return;
    if (task.trim() === '') {
      setError('Write a few words about what you are working on first.');
      taskRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await bridge.save({
        task: task.trim(),
        next: next.map((n) => n.trim()).filter((n) => n !== ''),
        repo,
        testCommand: testsOpen && testCommand.trim() !== '' ? testCommand.trim() : null,
      });
      if (result.ok) {
        setTask('');
        setNext([]);
        onSaved(result.checkpoint, result.warnings);
      } else {
        setError(result.error);
      }
    } catch (e) {
      setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && hasCommandKey(e)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <section className="save-box" aria-label="Save a checkpoint" onKeyDown={onKeyDown}>
      <label htmlFor="save-task" className="label">
        What are you working on?
      </label>
      <textarea
        id="save-task"
        ref={taskRef}
        className="field"
        rows={2}
        maxLength={4000}
        value={task}
        onChange={(e) => setTask(e.target.value)}
        aria-describedby={error ? 'save-error' : undefined}
        aria-invalid={error !== null}
      />
      <NextSteps steps={next} onChange={setNext} />
      {testsOpen && (
        <input
          type="text"
          className="field mono"
          aria-label="Test command"
          placeholder="npm test"
          value={testCommand}
          onChange={(e) => setTestCommand(e.target.value)}
          autoFocus
        />
      )}
      <div className="row">
        {next.length < 100 && (
          <button type="button" className="link" onClick={() => setNext([...next, ''])}>
            + next step
          </button>
        )}
        {!testsOpen && (
          <button type="button" className="link" onClick={() => setTestsOpen(true)}>
            Run tests…
          </button>
        )}
      </div>
      <RepoPicker value={repo} onChange={setRepo} canPick={canPickFolder} />
      <div className="row end">
        <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
          {saving ? (
            <>
              <span className="spinner" aria-hidden="true" />
              {testsOpen && testCommand.trim() !== '' ? 'Running tests…' : 'Saving…'}
            </>
          ) : (
            <>
              Save checkpoint{' '}
              <kbd className="hint" aria-hidden="true">
                {saveHint(mac)}
              </kbd>
            </>
          )}
        </button>
      </div>
      {error && (
        <p id="save-error" className="error-text" role="alert">
          <SyncedText text={error} multiline />
        </p>
      )}
    </section>
  );
}
