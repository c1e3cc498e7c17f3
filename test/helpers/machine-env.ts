/**
 * The environment of one simulated machine (through the SESSION_SYNC_* overrides), shared by vitest helpers, the
 * Playwright host and the UI benchmark. No test-runner imports, so any of them can use it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';

/** The machine id a simulated machine named `name` gets (stable, 16 hex). */
export function simulatedMachineId(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 16);
}

/**
 * The short git and agent-store limits of save and leave, lengthened: at their defaults a test's
 * outcome would depend on how loaded the machine is. Tests of those limits pass their own.
 */
export const TEST_LIMITS = {
  SESSION_SYNC_GIT_TIMEOUT_MS: '120000',
  SESSION_SYNC_AGENT_TIMEOUT_MS: '120000',
  SESSION_SYNC_LEAVE_LOCK_WAIT_MS: '120000',
} as const;

/**
 * This process's environment minus anything that would tie a run to this computer's own Session
 * Sync or git set-up, plus the machine's overrides. The CLI's detached session-history.md
 * regeneration is off: it would outlive a test's temp folder (turn it back on per run to test it).
 */
export function simulatedMachineEnv(machine: {
  name: string;
  syncDir: string;
  stateDir: string;
  home: string;
}): NodeJS.ProcessEnv {
  mkdirSync(machine.stateDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SESSION_SYNC_|GIT_|CLAUDE_)/.test(key) || key === 'NO_COLOR') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: machine.home,
    GIT_CONFIG_NOSYSTEM: '1',
    SESSION_SYNC_DIR: machine.syncDir,
    SESSION_SYNC_HOME: machine.stateDir,
    SESSION_SYNC_MACHINE: machine.name,
    SESSION_SYNC_MACHINE_ID: simulatedMachineId(machine.name),
    SESSION_SYNC_NO_REGEN: '1',
    ...TEST_LIMITS,
  };
}
