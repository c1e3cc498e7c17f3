interface Props {
  steps: string[];
  onChange(steps: string[]): void;
}

/** The next-step inputs under the task (the save box adds them with "+ next step"). */
export function NextSteps({ steps, onChange }: Props) {
  if (steps.length === 0) return null;
  const set = (i: number, text: string) => onChange(steps.map((s, j) => (j === i ? text : s)));
  return (
    <div className="next-steps">
      {steps.map((step, i) => (
        <div className="row" key={i}>
          <input
            type="text"
            className="field grow"
            aria-label={`Next step ${i + 1}`}
            placeholder="Next step"
            value={step}
            maxLength={4000}
            autoFocus={i === steps.length - 1 && step === ''}
            onChange={(e) => set(i, e.target.value)}
          />
          <button
            type="button"
            className="icon"
            aria-label={`Remove next step ${i + 1}`}
            onClick={() => onChange(steps.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
