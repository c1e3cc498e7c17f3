import { resolveContext, type CoreContext } from '../core/context';
import { CHOOSE_SYNC_DIR_ADVICE, checkSyncDir } from '../core/store/health';
import { gitTransportHealth } from '../core/transport/health';
import type { GitTransportView, Overview, SettingsView } from '../shared/contract';
import type { HistoryIndex } from './history-index';
import { hasBeenSetUp } from './set-up';
import { readMachinesSeen } from './machines-seen';

/** What the host (Electron or the web host) can do beyond core. */
export interface HostHooks {
  kind: 'electron' | 'web';
  pickFolder?(purpose: 'sync-dir' | 'repo'): Promise<string | null>;
  openExternal?(url: string): Promise<void>;
  hidePopover?(): void;
  /** This install's `bin/session-sync`, for "Install the command-line tool…" (none: not offered). */
  cliLauncher?: string | null;
  setLaunchAtLogin?(enabled: boolean): void;
  /**
   * Told once per change of the settings in force, whether the UI changed them or the settings
   * file changed under us (the CLI, another editor): Electron applies its shortcut and
   * notification choice here. Not told the settings the host started with.
   */
  onSettings?(view: SettingsView): void;
}

/**
 * The context again, from the same environment: settings may have been changed by this host or by
 * the CLI since. A settings file that became invalid keeps the last good context rather than
 * failing every call.
 */
export async function refreshContext(ctx: CoreContext): Promise<CoreContext> {
  try {
    const { env, platform, home } = ctx.host;
    // A start-up option stays in force for the life of the process, as the environment does.
    const flags = {
      ...(ctx.syncDirOrigin === 'flag' ? { syncDir: ctx.syncDir } : {}),
      ...(ctx.machineNameOrigin === 'flag' ? { machineName: ctx.machine.name } : {}),
    };
    const next = await resolveContext({ env, platform, home, now: ctx.now, flags });
    return { ...next, gitRunner: ctx.gitRunner };
  } catch {
    return ctx;
  }
}

/** Settings as the UI shows them: the name and folder in force, and where each comes from. */
export function settingsView(ctx: CoreContext): SettingsView {
  const s = ctx.settings;
  return {
    machineName: ctx.machine.name,
    syncDir: ctx.syncDir,
    repos: [...s.repos],
    launchAtLogin: s.launchAtLogin,
    shortcut: s.shortcut,
    notifications: s.notifications,
    carryConversation: s.carryConversation,
    autoSave: s.autoSave,
    sources: {
      machineName: { origin: ctx.machineNameOrigin, saved: s.machineName ?? null },
      syncDir: { origin: ctx.syncDirOrigin, saved: s.syncDir ?? null },
    },
  };
}

/**
 * Everything the first paint needs: this machine, the sync folder's health, machines seen. Never
 * waits for the history index: until it has loaded, machines come from their machine.json files
 * and the host pushes `overview` again once it has.
 */
export async function buildOverview(
  ctx: CoreContext,
  hooks: HostHooks,
  index: HistoryIndex,
): Promise<Overview> {
  const [health, setUp] = await Promise.all([
    checkSyncDir(ctx.syncDir, ctx.host),
    hasBeenSetUp(ctx),
  ]);
  const machines = index.loaded()?.machines ?? readMachinesSeen(ctx.syncDir);
  return {
    version: ctx.version,
    platform: ctx.host.platform,
    machine: { ...ctx.machine },
    syncDir: ctx.syncDir,
    syncKind: health.kind,
    setUp,
    health: {
      exists: health.exists,
      writable: health.writable,
      // The app shows the path beside it: the fix alone, worded for the app.
      detail: health.fix === null ? null : appWording(health.fix),
    },
    settings: settingsView(ctx),
    machines,
    host: {
      kind: hooks.kind,
      canPickFolder: hooks.pickFolder !== undefined,
      canLaunchAtLogin: hooks.setLaunchAtLogin !== undefined,
    },
    ...(ctx.gitRemote ? { transport: await transportView(ctx, ctx.gitRemote) } : {}),
  };
}

async function transportView(ctx: CoreContext, remote: string): Promise<GitTransportView> {
  const h = await gitTransportHealth(ctx, remote).catch(() => null);
  if (!h) {
    return {
      remote,
      mode: 'refs',
      lastFetch: null,
      lastPush: null,
      lastError: 'cannot read the mirror in local state',
      unpushed: { count: 0, oldest: null },
      problems: [],
    };
  }
  return {
    remote,
    mode: h.mode,
    lastFetch: h.lastFetch,
    lastPush: h.lastPush,
    lastError: h.lastError?.detail ?? null,
    unpushed: h.unpushed,
    problems: h.problems.slice(0, 50).map((p) => ({ ref: p.ref, detail: p.detail })),
  };
}

/** Core's messages give CLI advice for the sync folder; in the app the same fix is in Settings. */
export function appWording(message: string): string {
  return message.replace(CHOOSE_SYNC_DIR_ADVICE, 'or choose another one in Settings → Sync folder');
}
