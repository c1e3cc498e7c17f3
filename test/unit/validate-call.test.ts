import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { CALL_NAMES, validateCall } from '../../electron/host/validate';
import { resolveContext } from '../../electron/core/context';
import { callArgs } from '../../electron/shared/call-args';
import type { CallName } from '../../electron/shared/contract';
import { tempDir } from '../helpers/git-repo';
import { TEST_LIMITS } from '../helpers/machine-env';

const query = { offset: 0, limit: 50 };
const saveInput = { task: 'Fix the tray', next: ['test it'], repo: '/code/app', testCommand: null };

/** One accepted payload and several refused ones per call. */
const CASES: Record<CallName, { good: unknown[][]; bad: unknown[][] }> = {
  getOverview: { good: [[]], bad: [[1], [null]] },
  getLatest: { good: [[]], bad: [['x']] },
  getContinue: {
    good: [['3f2a9c10-1111-4222-8333-444455556666']],
    bad: [[], [''], [42], ['x'.repeat(65)]],
  },
  installConversation: {
    good: [['3f2a9c10-1111-4222-8333-444455556666']],
    bad: [[], [''], [null], ['x'.repeat(65)], ['a', 'b']],
  },
  queryHistory: {
    good: [[query], [{ ...query, machines: ['a'], repos: ['webapp'], text: 'tray' }]],
    bad: [
      [],
      [{ offset: -1, limit: 10 }],
      [{ offset: 0, limit: 0 }],
      [{ offset: 0, limit: 1001 }],
      [{ offset: 0.5, limit: 10 }],
      [{ ...query, text: 'x'.repeat(501) }],
      [{ ...query, machines: 'a' }],
      [query, query],
    ],
  },
  save: {
    good: [[saveInput], [{ ...saveInput, repo: null, next: [] }]],
    bad: [
      [{ ...saveInput, task: 1 }],
      [{ ...saveInput, repo: '' }],
      [{ ...saveInput, task: 'x'.repeat(4001) }],
      [{ ...saveInput, next: Array(101).fill('x') }],
      [{ task: 'x' }],
    ],
  },
  listRepos: { good: [[]], bad: [[{}]] },
  inspectRepo: { good: [['/code/app']], bad: [[], [''], [42], ['x'.repeat(4097)]] },
  updateSettings: {
    good: [[{}], [{ machineName: 'studio-mac', launchAtLogin: true, repos: ['/a'] }]],
    bad: [[{ launchAtLogin: 'yes' }], [{ machineName: 'x'.repeat(64) }], [{ repos: [''] }], []],
  },
  pickFolder: { good: [['sync-dir'], ['repo']], bad: [['home'], []] },
  openExternal: { good: [['https://github.com']], bad: [[], [{}], ['x'.repeat(2049)]] },
  hidePopover: { good: [[]], bad: [[true]] },
  installCli: { good: [[false], [true]], bad: [[], ['yes'], [true, true]] },
};

describe('validateCall', () => {
  for (const name of CALL_NAMES) {
    it(`${name}: accepts good payloads and refuses bad ones`, () => {
      for (const args of CASES[name].good) {
        const result = validateCall(name, args);
        expect(result, JSON.stringify(args)).toMatchObject({ ok: true, name });
      }
      for (const args of CASES[name].bad) {
        const result = validateCall(name, args);
        expect(result.ok, JSON.stringify(args).slice(0, 200)).toBe(false);
        if (!result.ok) expect(result.error).toContain(name);
      }
    });
  }

  it('refuses unknown names, inherited names and non-string names', () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', '', 7, null, undefined]) {
      const result = validateCall(name, []);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/unknown call/);
    }
  });

  it('refuses arguments that are not a list', () => {
    expect(validateCall('getOverview', {}).ok).toBe(false);
    expect(validateCall('getOverview', undefined).ok).toBe(false);
  });

  it('drops unknown keys rather than passing them to core', () => {
    const result = validateCall('queryHistory', [{ ...query, evil: true }]);
    expect(result.ok && result.args[0]).toEqual(query);
  });

  it('the handler table has exactly one handler per contract call', async () => {
    const root = tempDir();
    const ctx = await resolveContext({
      env: {
        ...process.env,
        SESSION_SYNC_DIR: join(root, 'sync'),
        SESSION_SYNC_HOME: join(root, 'state'),
        ...TEST_LIMITS,
        SESSION_SYNC_MACHINE: 'studio-mac',
        SESSION_SYNC_MACHINE_ID: 'aaaaaaaaaaaaaaaa',
      },
    });
    const handlers = createHandlers(ctx, { kind: 'web' });
    const keys = Object.keys(handlers).filter((key) => key !== 'dispose');
    handlers.dispose();
    expect(keys.sort()).toEqual(Object.keys(callArgs).sort());
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(CASES).sort());
  });
});
