import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

// Words from node:util parseArgs' own messages: they must never reach the user.
const NODE_WORDS =
  /Unknown option '|To specify a|ERR_PARSE_ARGS|argument missing|ambiguous|positional argument/;

describe('usage mistakes get our own words and a guess', () => {
  it('answers each mistake with one line, exit 2, nothing on stdout, nothing written', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const cases: [string[], string][] = [
      [['stauts'], "unknown command 'stauts' (did you mean status?); run session-sync --help"],
      [['sav', 'x'], "unknown command 'sav' (did you mean save?)"],
      [['restor'], '(did you mean restore?)'],
      [['xyzzy'], "unknown command 'xyzzy'; run session-sync --help"],
      [['log', '--machin', 'x'], 'unknown option --machin for log (did you mean --machine?)'],
      [['log', '--gerp', 'x'], 'unknown option --gerp for log (did you mean --grep?)'],
      [['log', '--fo'], 'unknown option --fo for log; see session-sync log --help'],
      [['log', '-x'], 'unknown option -x for log'],
      [['status', '--jsn'], 'unknown option --jsn for status (did you mean --json?)'],
      [['save', 'x', '--no-gti'], 'unknown option --no-gti for save (did you mean --no-git?)'],
      [['log', '--repo'], '--repo needs a value; see session-sync log --help'],
      [['log', '--repo', '--json'], '--repo needs a value, not the option --json'],
      [['status', '--json=yes'], '--json takes no value'],
      [['log', '-n'], '-n needs a value'],
    ];
    for (const [args, words] of cases) {
      const r = await m.run(args);
      const what = args.join(' ');
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe('');
      expect(r.stderr, what).toMatch(/^session-sync: [^\n]*\n$/);
      expect(r.stderr, what).toContain(words);
      expect(r.stderr, what).not.toMatch(NODE_WORDS);
    }
    // No guess for an internal command, nor for a word far from every command.
    expect((await m.run(['regen-history'])).stderr).not.toContain('did you mean');
    expect(readdirSync(sync)).toEqual([]);
  });
});
