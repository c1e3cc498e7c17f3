import { describe, expect, it } from 'vitest';
import { placeholderTargets } from '../../electron/core/store/icloud-download';

describe('placeholderTargets', () => {
  it('maps stubs to the files they stand for and keeps dataless paths', () => {
    const problems = [
      {
        kind: 'placeholder' as const,
        path: 'machines/a/checkpoints/2025-10/.x y.json.icloud',
        detail: '',
      },
      { kind: 'placeholder' as const, path: 'machines/a/checkpoints/2025-10/z.json', detail: '' },
      { kind: 'bad-record' as const, path: 'machines/a/checkpoints/2025-10/b.json', detail: '' },
    ];
    expect(placeholderTargets('/sync', problems)).toEqual([
      '/sync/machines/a/checkpoints/2025-10/x y.json',
      '/sync/machines/a/checkpoints/2025-10/z.json',
    ]);
  });
});
