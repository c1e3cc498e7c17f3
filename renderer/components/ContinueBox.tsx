import { useEffect, useState } from 'react';
import type { ContinueHere } from '../../electron/shared/contract';

/** "Continue here": the commands to pick up on this machine, with one button copying them all. */
export function ContinueBox({ cont }: { cont: ContinueHere }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    navigator.clipboard.writeText(cont.commands.join('\n')).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  if (cont.commands.length === 0 && cont.warnings.length === 0) return null;
  return (
    <section className="continue" aria-label="Continue here">
      <div className="continue-head">
        <span className="continue-title">Continue here</span>
        {cont.commands.length > 0 && (
          <button type="button" className="small" onClick={copy}>
            {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
          </button>
        )}
      </div>
      {cont.commands.length > 0 && (
        <pre className="mono commands">
          <code>{cont.commands.join('\n')}</code>
        </pre>
      )}
      {cont.warnings.map((w, i) => (
        <p key={i} className="warn small-text">
          ⚠ {w}
        </p>
      ))}
    </section>
  );
}
