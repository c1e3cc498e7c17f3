import { isAbsolute } from 'node:path';
import type { CoreContext } from '../core/context';
import { isUserError, messageOf } from '../core/errors';
import { installConversation } from '../core/claude/install';
import { continueHere, findLocalClone } from '../core/continue-here';
import { installCliTool } from '../core/install-cli';
import { lastTypedTask } from '../core/last-typed';
import { findLatestMatching, restoreLatest } from '../core/restore';
import { saveCheckpoint } from '../core/save';
import type { Handlers, InstallResult, LatestView, SaveResult } from '../shared/contract';
import { contextCell, type ContextCell } from './current';
import { allowedExternalUrl } from './external';
import { createHistoryIndex, type HistoryIndex } from './history-index';
import { lookedUpEachTime, type LatestCache } from './latest-cache';
import { appWording, buildOverview, refreshContext, type HostHooks } from './overview';
import { createRegenScheduler, type RegenScheduler } from './regen';
import { listRepoChoices, summarizeRepo } from './repos';
import { applySettingsPatch } from './settings-update';

export type { HostHooks };

/** What an app host shares between the handlers and its watcher (see createAppHost). */
export interface HandlerOptions {
  /** The one in-memory history, so a change is loaded once, not twice. */
  index?: HistoryIndex;
  /** The one current context, re-resolved when settings may have changed. */
  cell?: ContextCell;
  /** The one `session-history.md` regeneration scheduler. */
  regen?: RegenScheduler;
  /** The newest checkpoint kept between changes the watcher hears (none: looked up each time). */
  latest?: LatestCache;
}

/** The handler table plus its teardown. */
export type HostHandlers = Handlers & { dispose(): void };

/**
 * The one handler table behind Electron IPC and the web host. Arguments arrive validated
 * (validateCall); expected failures come back as data, so hosts only catch the unexpected.
 */
export function createHandlers(
  ctx: CoreContext,
  hooks: HostHooks,
  options: HandlerOptions = {},
): HostHandlers {
  // Settings can move the sync folder or rename the machine, so the context is re-resolved.
  const cell = options.cell ?? contextCell(ctx);
  const place = () => ({ syncDir: cell.get().syncDir, stateDir: cell.get().stateDir });
  const index = options.index ?? createHistoryIndex(place);
  const regen = options.regen ?? createRegenScheduler(place);
  const latest = options.latest ?? lookedUpEachTime;

  /** A checkpoint of the loaded history by id, and that history as continue-here wants it. */
  const historyEntry = async (id: string) => {
    const { checkpoints } = await index.ensure();
    const checkpoint = checkpoints.find((c) => c.id === id) ?? null;
    return { checkpoint, options: { cwd: null, history: checkpoints } };
  };

  const reload = async (): Promise<void> => {
    const before = cell.get();
    cell.set(await refreshContext(before));
    if (before.syncDir !== cell.get().syncDir) await index.refresh();
  };

  return {
    async getOverview() {
      await reload();
      return buildOverview(cell.get(), hooks, index);
    },

    async getLatest(): Promise<LatestView> {
      try {
        // The app has no cwd of its own: clones come from settings and this machine's history.
        const history = index.loaded()?.checkpoints;
        const here = cell.get();
        const found = latest.get(here.syncDir, () => findLatestMatching(here, {}));
        const outcome = await restoreLatest(here, { cwd: null, history }, found);
        const typed = lastTypedTask(here.syncDir, outcome.checkpoint, history);
        return { ...outcome, typed };
      } catch (error) {
        const detail = `could not read the latest checkpoint: ${messageOf(error)}`;
        return {
          checkpoint: null,
          continue: null,
          problems: [{ kind: 'unreadable', path: '.', detail }],
        };
      }
    },

    async getContinue(id) {
      const { checkpoint, options } = await historyEntry(id);
      return checkpoint ? continueHere(cell.get(), checkpoint, options) : null;
    },

    async installConversation(id): Promise<InstallResult> {
      const { checkpoint, options } = await historyEntry(id);
      if (!checkpoint) return { ok: false, error: 'that checkpoint is no longer in the history' };
      try {
        // Only the clone is needed: no git status, no transcript search (continueHere does both).
        const clone = checkpoint.repo
          ? await findLocalClone(cell.get(), checkpoint, checkpoint.repo, options)
          : null;
        if (!clone) {
          return {
            ok: false,
            error: `no clone of ${checkpoint.repo?.name ?? 'the repo'} on this Mac yet: clone it (or add its folder in Settings), then install`,
          };
        }
        const outcome = await installConversation({
          syncDir: cell.get().syncDir,
          checkpoint,
          localPath: clone.path,
          env: cell.get().host.env,
          home: cell.get().host.home,
          face: 'app',
        });
        return { ok: true, ...outcome };
      } catch (error) {
        return {
          ok: false,
          error: isUserError(error)
            ? error.message
            : `could not install the conversation: ${messageOf(error)}`,
        };
      }
    },

    queryHistory: (query) => index.query(query),

    async save(input): Promise<SaveResult> {
      if (input.repo !== null && !isAbsolute(input.repo)) {
        return { ok: false, error: `repo ${input.repo} must be a full path to a folder` };
      }
      try {
        const outcome = await saveCheckpoint(cell.get(), {
          task: input.task,
          next: input.next,
          repoDir: input.repo,
          cwd: input.repo ?? cell.get().host.home,
          noGit: input.repo === null,
          testCommand: input.testCommand,
          source: 'app',
          carryConversation: cell.get().settings.carryConversation,
        });
        // The record just written is merged as it is, the watcher's single-file path: reading
        // the whole folder again for one file would cost a full load per save.
        index.add(outcome.checkpoint);
        // Before the watcher hears it: the card asked for right after a save must show it.
        latest.changed();
        regen.schedule();
        return { ok: true, checkpoint: outcome.checkpoint, warnings: outcome.warnings };
      } catch (error) {
        return {
          ok: false,
          error: isUserError(error)
            ? appWording(error.message)
            : `could not save: ${messageOf(error)}`,
        };
      }
    },

    listRepos: () => listRepoChoices(cell.get()),

    inspectRepo: (path) => summarizeRepo(cell.get(), path),

    async updateSettings(patch) {
      const result = await applySettingsPatch(cell.get(), patch);
      if (!result.ok) return result;
      await reload();
      if (result.before.launchAtLogin !== result.after.launchAtLogin) {
        hooks.setLaunchAtLogin?.(result.after.launchAtLogin);
      }
      return { ok: true, overview: await buildOverview(cell.get(), hooks, index) };
    },

    async pickFolder(purpose) {
      if (!hooks.pickFolder) return null;
      return hooks.pickFolder(purpose).catch(() => null);
    },

    async openExternal(url) {
      const allowed = allowedExternalUrl(url);
      if (allowed && hooks.openExternal) await hooks.openExternal(allowed).catch(() => undefined);
      return null;
    },

    async hidePopover() {
      hooks.hidePopover?.();
      return null;
    },

    installCli: (apply) =>
      installCliTool({
        launcher: hooks.cliLauncher ?? null,
        home: cell.get().host.home,
        pathVariable: cell.get().host.env.PATH,
        apply,
      }),

    dispose() {
      regen.dispose();
    },
  };
}
