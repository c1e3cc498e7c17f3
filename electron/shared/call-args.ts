/**
 * Argument schemas of every call in the contract, one tuple per call: hosts (Electron IPC and
 * the web host) validate with them before calling core. Kept apart from contract.ts so that only
 * hosts load zod; the renderer and the preload import the contract alone.
 */
import * as z from 'zod/mini';

const path = z.string().check(z.minLength(1), z.maxLength(4096));
const checkpointId = z.string().check(z.minLength(1), z.maxLength(64));

/** Argument schemas, one tuple per call (validated by every host before calling core). */
export const callArgs = {
  getOverview: z.tuple([]),
  getLatest: z.tuple([]),
  getContinue: z.tuple([checkpointId]),
  installConversation: z.tuple([checkpointId]),
  queryHistory: z.tuple([
    z.object({
      machines: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50))),
      repos: z.optional(z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(50))),
      text: z.optional(z.string().check(z.maxLength(500))),
      offset: z.int().check(z.nonnegative(), z.maximum(10_000_000)),
      limit: z.int().check(z.positive(), z.maximum(1000)),
    }),
  ]),
  save: z.tuple([
    z.object({
      task: z.string().check(z.maxLength(4000)),
      next: z.array(z.string().check(z.maxLength(4000))).check(z.maxLength(100)),
      repo: z.nullable(path),
      testCommand: z.nullable(z.string().check(z.maxLength(4000))),
    }),
  ]),
  listRepos: z.tuple([]),
  inspectRepo: z.tuple([path]),
  updateSettings: z.tuple([
    z.object({
      machineName: z.optional(z.string().check(z.maxLength(63))),
      syncDir: z.optional(path),
      repos: z.optional(z.array(path).check(z.maxLength(200))),
      launchAtLogin: z.optional(z.boolean()),
      shortcut: z.optional(z.string().check(z.maxLength(100))),
      notifications: z.optional(z.boolean()),
      carryConversation: z.optional(z.boolean()),
      autoSave: z.optional(z.boolean()),
    }),
  ]),
  pickFolder: z.tuple([z.enum(['sync-dir', 'repo'])]),
  openExternal: z.tuple([z.string().check(z.maxLength(2048))]),
  hidePopover: z.tuple([]),
  installCli: z.tuple([z.boolean()]),
};
