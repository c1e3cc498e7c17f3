import { describe, expect, it } from 'vitest';
import { parsePorcelainStatus, type PorcelainStatus } from '../../electron/core/git/porcelain';

// Captured verbatim from `git --no-optional-locks status --porcelain=v2 --branch --show-stash -z`
// (git 2.39) in throwaway repos. `\x00` is used where a NUL is followed by a digit, because `\0`
// followed by a digit would be a (forbidden) octal escape.
const SAMPLES = {
  unborn: '# branch.oid (initial)\0# branch.head main\0',
  unbornUntracked: '# branch.oid (initial)\0# branch.head main\0? a\0',
  detached: '# branch.oid fac4fea58f3009a9b8317a34f6eab0e72c040db1\0# branch.head (detached)\0',
  noUpstream: '# branch.oid fac4fea58f3009a9b8317a34f6eab0e72c040db1\0# branch.head noup\0',
  upstreamClean:
    '# branch.oid fac4fea58f3009a9b8317a34f6eab0e72c040db1\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +0 -0\0',
  upstreamGone:
    '# branch.oid 465a82ee756b3f8424885d5027a8946fd9a5948a\0# branch.head feat\0# branch.upstream origin/feat\0',
  aheadBehindStashes:
    '# branch.oid 744cfceb3563468d635190059a1503d90e0a8012\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +2 -3\0# stash 2\0',
  // Staged add, staged+unstaged, unstaged, a rename (with its extra original-path field),
  // untracked paths with a space, a newline and UTF-8, and one stash.
  mixed:
    '# branch.oid fb8d8e8d2b6ee9fcf1098a830213d286db061753\0# branch.head main\0# stash 1\x001 A. N... 000000 100644 100644 0000000000000000000000000000000000000000 397b4a7624e35fa60563a9c03b1213d93f7b6546 .gitignore\x001 MM N... 100644 100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 9ad2ebbaff6f3397bb65002dcf4294d8d6243982 a.txt\x001 .M N... 100644 100644 100644 28ce6a8b26aa170e1de65536fe8abe1832bd3242 28ce6a8b26aa170e1de65536fe8abe1832bd3242 mod me.txt\x002 R. N... 100644 100644 100644 f384549cbeb481e437091320de6d1f2e15e11b4a f384549cbeb481e437091320de6d1f2e15e11b4a R100 new name.txt\0old name.txt\0? line\nbreak.txt\0? with space.txt\0? ünïcødé ✓.txt\0',
  // Same repo with --ignored=matching: `!` entries must not be counted.
  mixedIgnored:
    '# branch.oid fb8d8e8d2b6ee9fcf1098a830213d286db061753\0# branch.head main\0# stash 1\x001 A. N... 000000 100644 100644 0000000000000000000000000000000000000000 397b4a7624e35fa60563a9c03b1213d93f7b6546 .gitignore\x001 MM N... 100644 100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 9ad2ebbaff6f3397bb65002dcf4294d8d6243982 a.txt\x001 .M N... 100644 100644 100644 28ce6a8b26aa170e1de65536fe8abe1832bd3242 28ce6a8b26aa170e1de65536fe8abe1832bd3242 mod me.txt\x002 R. N... 100644 100644 100644 f384549cbeb481e437091320de6d1f2e15e11b4a f384549cbeb481e437091320de6d1f2e15e11b4a R100 new name.txt\0old name.txt\0? line\nbreak.txt\0? with space.txt\0? ünïcødé ✓.txt\0! ignored.log\0',
  // A rename whose new path has a newline and UTF-8, and whose *original* path is "? not
  // untracked": read as an entry, it would be miscounted as untracked.
  trickyRename:
    '# branch.oid 5486f6b1dede7fb0d5fd52963d354adbe0298dba\0# branch.head main\x002 RM N... 100644 100644 100644 f384549cbeb481e437091320de6d1f2e15e11b4a f384549cbeb481e437091320de6d1f2e15e11b4a R100 renamed\nü ✓.txt\0? not untracked\0',
  unmerged:
    '# branch.oid e0aef1796482754cd13206972147a5f50557129e\0# branch.head main\0u UU N... 100644 100644 100644 100644 d00491fd7e5bb6fa28c517a0bb32b8b506539d4d 00750edc07d6415dcc07ae0351e9397b0222b7ba 0cfbf08886fca9a91cb753ec8734c84fcbe52c9f f\0u UD N... 100644 100644 000000 100644 b68fde2a051d9af2fe3ff4c96c0898e5a3212e4d 1611241a98628e52e3d990ba8d03c96c858e12f4 0000000000000000000000000000000000000000 g\0',
} as const;

const CLEAN: PorcelainStatus = {
  oid: null,
  branch: null,
  upstream: null,
  ahead: 0,
  behind: 0,
  upstreamGone: false,
  stashes: 0,
  staged: 0,
  unstaged: 0,
  untracked: 0,
  conflicted: 0,
};

describe('parsePorcelainStatus', () => {
  it('reads an unborn branch: no oid, branch kept', () => {
    expect(parsePorcelainStatus(SAMPLES.unborn)).toEqual({ ...CLEAN, branch: 'main' });
    expect(parsePorcelainStatus(SAMPLES.unbornUntracked)).toEqual({
      ...CLEAN,
      branch: 'main',
      untracked: 1,
    });
  });

  it('reads a detached HEAD as branch null', () => {
    expect(parsePorcelainStatus(SAMPLES.detached)).toEqual({
      ...CLEAN,
      oid: 'fac4fea58f3009a9b8317a34f6eab0e72c040db1',
    });
  });

  it('reads a branch without upstream', () => {
    const status = parsePorcelainStatus(SAMPLES.noUpstream);
    expect(status).toMatchObject({ branch: 'noup', upstream: null, upstreamGone: false });
    expect(status).toMatchObject({ ahead: 0, behind: 0 });
  });

  it('reads an up-to-date upstream', () => {
    expect(parsePorcelainStatus(SAMPLES.upstreamClean)).toMatchObject({
      branch: 'main',
      upstream: 'origin/main',
      ahead: 0,
      behind: 0,
      upstreamGone: false,
    });
  });

  it('marks an upstream without `# branch.ab` as gone', () => {
    expect(parsePorcelainStatus(SAMPLES.upstreamGone)).toEqual({
      ...CLEAN,
      oid: '465a82ee756b3f8424885d5027a8946fd9a5948a',
      branch: 'feat',
      upstream: 'origin/feat',
      upstreamGone: true,
    });
  });

  it('reads ahead, behind and the stash count', () => {
    expect(parsePorcelainStatus(SAMPLES.aheadBehindStashes)).toEqual({
      ...CLEAN,
      oid: '744cfceb3563468d635190059a1503d90e0a8012',
      branch: 'main',
      upstream: 'origin/main',
      ahead: 2,
      behind: 3,
      stashes: 2,
    });
  });

  it('counts staged, unstaged, renames and odd untracked paths', () => {
    const expected = { staged: 3, unstaged: 2, untracked: 3, conflicted: 0, stashes: 1 };
    expect(parsePorcelainStatus(SAMPLES.mixed)).toMatchObject(expected);
    expect(parsePorcelainStatus(SAMPLES.mixedIgnored)).toMatchObject(expected);
  });

  it("consumes a rename's original-path field", () => {
    expect(parsePorcelainStatus(SAMPLES.trickyRename)).toMatchObject({
      branch: 'main',
      staged: 1,
      unstaged: 1,
      untracked: 0,
    });
  });

  it('counts unmerged entries as conflicted only', () => {
    expect(parsePorcelainStatus(SAMPLES.unmerged)).toMatchObject({
      conflicted: 2,
      staged: 0,
      unstaged: 0,
    });
  });

  it('ignores unknown `#` headers', () => {
    // Synthetic: git 2.39 prints none, but future versions add headers.
    const withUnknown = SAMPLES.aheadBehindStashes.replace(
      '# branch.head',
      '# branch.future something 1 2\0# x\0#\0# branch.head',
    );
    expect(parsePorcelainStatus(withUnknown)).toEqual(
      parsePorcelainStatus(SAMPLES.aheadBehindStashes),
    );
  });

  it('never throws on garbage and returns best-effort counts', () => {
    const garbage = [
      '',
      '\0\0\0',
      'not porcelain at all\n',
      '# branch.ab banana\0# stash -4\0# stash 99999999999999999999999\0',
      '2 R.',
      '1\0u\0?\0!\0',
      '1 X\0 ? y\0x'.repeat(100),
      String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
    ];
    for (const input of garbage) {
      const status = parsePorcelainStatus(input);
      for (const n of [status.ahead, status.behind, status.stashes, status.staged]) {
        expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      }
    }
    // A truncated tail keeps what came before it.
    expect(parsePorcelainStatus(SAMPLES.mixed.slice(0, -40))).toMatchObject({
      staged: 3,
      unstaged: 2,
      stashes: 1,
    });
    // Without -z (newline-separated) nothing is miscounted as an entry.
    expect(parsePorcelainStatus('# branch.oid (initial)\n# branch.head main\n? a\n')).toMatchObject(
      { untracked: 0, staged: 0 },
    );
  });
});
