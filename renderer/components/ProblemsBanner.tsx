import { useState } from 'react';
import type { Problem } from '../../electron/shared/contract';
import { SyncedText } from './SyncedText';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Problem files, split the way a person cares about them: iCloud placeholders are only waiting
 * to download, everything else could not be read and is listed on request.
 */
export function ProblemsBanner({ problems }: { problems: Problem[] }) {
  const [open, setOpen] = useState(false);
  const downloading = problems.filter((p) => p.kind === 'placeholder').length;
  const broken = problems.filter((p) => p.kind !== 'placeholder');
  return (
    <>
      {downloading > 0 && (
        <div className="banner info" role="status">
          ⤓ {plural(downloading, 'checkpoint', 'checkpoints')} still downloading from iCloud
        </div>
      )}
      {broken.length > 0 && (
        <div className="banner warn-banner" role="status">
          <button
            type="button"
            className="banner-toggle"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            ⚠ {plural(broken.length, 'file', 'files')} could not be read
            <span className="secondary">{open ? 'Hide' : 'Details'}</span>
          </button>
          {open && (
            <ul className="problems">
              {broken.map((p) => (
                <li key={p.path}>
                  <span className="tag">{p.kind}</span>{' '}
                  <code className="mono">
                    <SyncedText text={p.path} />
                  </code>
                  <div className="secondary">
                    <SyncedText text={p.detail} multiline />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
