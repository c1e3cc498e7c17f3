import { useId } from 'react';

interface Props {
  label: string;
  checked: boolean;
  disabled?: boolean;
  note?: string | null;
  onChange(checked: boolean): void;
}

/** A native checkbox styled as a switch, with an optional explanatory note. */
export function Toggle({ label, checked, disabled, note, onChange }: Props) {
  const id = useId();
  return (
    <div className="setting toggle">
      <label htmlFor={id} className="row">
        <span className="grow">{label}</span>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={note ? `${id}-note` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
      </label>
      {note && (
        <p id={`${id}-note`} className="secondary small-text">
          {note}
        </p>
      )}
    </div>
  );
}
