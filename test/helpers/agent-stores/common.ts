/**
 * Shared pieces of the agent-store fixtures: an AgentEnv pointing at a temp home, a file's time
 * set to a chosen instant, and ids a forged synced record may carry.
 */
import { utimesSync } from 'node:fs';
import type { AgentEnv } from '../../../electron/core/agents/adapter';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** One clock for every fixture: stores are written relative to it. */
export const NOW = Date.parse('2026-03-10T12:00:00.000Z');

/** Where an adapter looks, pointed at a temp home. */
export function agentEnv(home: string, env: NodeJS.ProcessEnv = {}): AgentEnv {
  return { env, home, maxAgeMs: 7 * DAY_MS, now: NOW };
}

/** Sets a file's (or folder's) modification time to `ms`. */
export function setTime(path: string, ms: number): void {
  utimesSync(path, new Date(ms), new Date(ms));
}

export const GOOD_UUID = '8d1e0f2a-1b3c-4d5e-8f90-123456789abc';

/** Ids a forged record may carry: none may reach a command for any kind. */
export const HOSTILE_IDS: readonly string[] = [
  '--dangerously-skip-permissions',
  '-x',
  '--resume=/tmp/evil',
  'a;rm -rf ~',
  '$(id)',
  '`id`',
  `${GOOD_UUID} | sh`,
  `${GOOD_UUID}\n--yolo`,
  ` ${GOOD_UUID}`,
  `${GOOD_UUID}-`,
  GOOD_UUID.replace('a', '\u0430'),
  `${GOOD_UUID.slice(0, 8)}\u200B${GOOD_UUID.slice(8)}`,
  `\u202E${GOOD_UUID}`,
  '../../etc/passwd',
  '',
];
