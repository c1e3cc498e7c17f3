import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { SyncedText } from './SyncedText';

interface Props {
  id: string;
  label: string;
  value: string;
  maxLength: number;
  mono?: boolean;
  placeholder?: string;
  button?: string;
  /** For "add" fields: empty the box once the value was accepted. */
  clearOnSave?: boolean;
  /** Shown under the field, e.g. why the value in use is not this one. */
  note?: ReactNode;
  /** Why the last save from this field was refused, in plain words. */
  error?: string | null;
  onSave(value: string): Promise<boolean>;
}

/** A text setting with its own Save button (and ↩), so a half-typed value is never applied. */
export function TextSetting({
  id,
  label,
  value,
  maxLength,
  mono,
  placeholder,
  button,
  clearOnSave,
  note,
  error,
  onSave,
}: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const dirty = draft.trim() !== value && draft.trim() !== '';
  const save = () => {
    if (!dirty) return;
    void onSave(draft.trim()).then((ok) => ok && clearOnSave && setDraft(''));
  };
  return (
    <div className="setting">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="row">
        <input
          id={id}
          type="text"
          className={mono ? 'field grow mono' : 'field grow'}
          value={draft}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && save()}
        />
        <button type="button" disabled={!dirty} onClick={save}>
          {button ?? 'Save'}
        </button>
      </div>
      {note}
      {error && (
        <p id={`${id}-error`} className="error-text small-text" role="alert">
          <SyncedText text={error} multiline />
        </p>
      )}
    </div>
  );
}
