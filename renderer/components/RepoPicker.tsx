import { useEffect, useState } from 'react';
import type { RepoChoice } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { useBridge } from '../hooks/bridge-context';
import { useDebounced } from '../hooks/use-debounced';
import { useRepoSummary } from '../hooks/use-repo-summary';
import { summaryLine } from '../lib/checkpoint';
import { SyncedText } from './SyncedText';

const NONE = '';
const ADD = '\u0000add';

interface Props {
  value: string | null;
  onChange(path: string | null): void;
  /** False in a browser: no folder dialog, so the path is typed instead. */
  canPick: boolean;
}

/** Repo picker for the save box plus the live git summary of the picked repo. */
export function RepoPicker({ value, onChange, canPick }: Props) {
  const bridge = useBridge();
  const [choices, setChoices] = useState<RepoChoice[]>([]);
  const [typed, setTyped] = useState('');
  const summary = useRepoSummary(value);
  const line = summary && summaryLine(summary);

  useEffect(() => {
    let live = true;
    bridge.listRepos().then(
      (list) => {
        if (!live) return;
        setChoices(list);
        const first = list[0];
        if (first) onChange(first.path);
      },
      () => undefined, // No recent repos is a fine state; the picker just starts empty.
    );
    return () => {
      live = false;
    };
    // onChange is deliberately left out: the default repo is picked once, on mount.
  }, [bridge]);

  // A typed path is inspected once typing pauses, not on every keystroke (each one runs git).
  const settled = useDebounced(typed.trim(), 300);
  useEffect(() => {
    if (settled !== '') onChange(settled);
    // Same as above: react to the settled text only.
  }, [settled]);

  const pick = async (selected: string) => {
    if (selected !== ADD) return onChange(selected === NONE ? null : selected);
    const folder = await bridge.pickFolder('repo');
    if (folder === null) return;
    setChoices((c) =>
      c.some((r) => r.path === folder)
        ? c
        : [...c, { path: folder, name: folder.split(/[\\/]/).pop() ?? folder, lastUsed: null }],
    );
    onChange(folder);
  };

  const listed = value === null || choices.some((c) => c.path === value);
  return (
    <div className="repo-picker">
      <div className="row">
        <label className="visually-hidden" htmlFor="save-repo">
          Repository
        </label>
        <select
          id="save-repo"
          value={listed ? (value ?? NONE) : NONE}
          onChange={(e) => void pick(e.target.value)}
        >
          <option value={NONE}>No repository</option>
          {choices.map((c) => (
            <option key={c.path} value={c.path} title={sanitizeText(c.path)}>
              {sanitizeText(c.name)}
            </option>
          ))}
          {canPick && <option value={ADD}>Add folder…</option>}
        </select>
        {line && (
          <span className={line.ok ? 'secondary num' : 'warn small-text'} aria-live="polite">
            <SyncedText text={line.text} />
          </span>
        )}
      </div>
      {!canPick && (
        <input
          type="text"
          className="field"
          aria-label="Repository folder"
          placeholder="…or type a repository path"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      )}
    </div>
  );
}
