import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../electron/cli/suggest';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('status', 'status')).toBe(0);
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('statu', 'status')).toBe(1);
    expect(editDistance('statuss', 'status')).toBe(1);
    expect(editDistance('statos', 'status')).toBe(1);
    expect(editDistance('', 'log')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closest', () => {
  const commands = ['save', 'restore', 'log', 'status', 'shell-init', 'import', 'setup', 'hook'];

  it('guesses a slip or a unique prefix, and nothing for a word far from all', () => {
    expect(closest('stauts', commands)).toBe('status');
    expect(closest('STATUS', commands)).toBe('status');
    expect(closest('resotre', commands)).toBe('restore');
    expect(closest('sav', commands)).toBe('save');
    expect(closest('shell', commands)).toBe('shell-init');
    expect(closest('lgo', commands)).toBe('log');
    expect(closest('xyzzy', commands)).toBeNull();
    expect(closest('s', commands)).toBeNull();
    expect(closest('', commands)).toBeNull();
    expect(closest('x'.repeat(1000), commands)).toBeNull();
  });
});
