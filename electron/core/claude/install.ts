/**
 * Installs a carried Claude Code transcript on this machine, where `claude --resume` looks for it:
 * under the projects folder of the local clone's path, with every recorded `cwd` moved from the
 * other machine's path to this one. An existing file is never replaced.
 */
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { codeOf, UserError } from '../errors';
import type { Checkpoint } from '../checkpoint';
import { carriedState, MAX_CARRY_BYTES } from './carry';
import {
  carriedCompanions,
  freshen,
  installCompanions,
  isCompanionPath,
  readUntrusted,
} from './companions';
import {
  claudeProjectsCandidates,
  claudeProjectsDirs,
  isDirectory,
  projectFolderName,
  transcriptFolders,
} from './project-dir';
import { parseObject } from './jsonl';
import { claudeLink } from '../agent-lines';
import { claudeSessionId, resumeCommand } from './session-id';
import type { Face } from '../plan-commands';

/** Where to install, and from what. */
export interface InstallInput {
  syncDir: string;
  checkpoint: Checkpoint;
  /** This machine's clone of the checkpoint's repo (found by continue-here, never synced data). */
  localPath: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Who shows the errors (default the CLI): only the CLI may name its options. */
  face?: Face;
}

/** What installing did. */
export interface InstallOutcome {
  /** `kept-existing`: a different transcript of that session was already here and was left alone. */
  status: 'installed' | 'already-installed' | 'kept-existing';
  path: string;
  resume: string;
}

/** Installs the transcript carried with `checkpoint`; every failure is a UserError with the fix. */
export async function installConversation(input: InstallInput): Promise<InstallOutcome> {
  const { checkpoint: c } = input;
  // Only a Claude Code link with a real session id: the id names files and goes into a command.
  const sessionId = claudeSessionId(claudeLink(c));
  if (sessionId === null || !c.repo) {
    throw new UserError('this checkpoint has no Claude Code conversation to install');
  }
  const carried = carriedState(input.syncDir, c);
  if (carried.kind === 'placeholder') {
    throw new UserError(
      'the carried conversation is still downloading from iCloud Drive: try again in a moment',
    );
  }
  if (carried.kind === 'refused') {
    throw new UserError(`the carried conversation is not installed: ${carried.detail}`);
  }
  if (carried.kind === 'absent') {
    throw new UserError(notCarriedMessage(c.machine.name, input.face ?? 'cli'));
  }
  if (carried.bytes > MAX_CARRY_BYTES) {
    throw new UserError('the carried conversation is larger than any this version carries');
  }
  // Checked before anything is written: a companion that is refused or still on its way stops
  // the whole install, so a conversation is never installed half.
  const companions = await carriedCompanions(input.syncDir, c);
  if (companions.kind === 'placeholder') {
    throw new UserError(
      `the carried conversation is still downloading from iCloud Drive (${companions.detail}): try again in a moment`,
    );
  }
  if (companions.kind === 'refused') {
    throw new UserError(`the carried conversation is not installed: ${companions.detail}`);
  }
  const localRoot = await realpath(input.localPath).catch(() => {
    throw new UserError(`${input.localPath} does not exist on this machine`);
  });
  const projects =
    claudeProjectsDirs(input.env, input.home)[0] ??
    (claudeProjectsCandidates(input.env, input.home)[0] as string);
  const roots = fromRoots(c.repo.path);
  const text = (await readUntrusted(carried.path, MAX_CARRY_BYTES)).toString('utf8');
  const session: SessionMove = {
    id: sessionId,
    dirFor: (startCwd) => join(projects, projectFolderName(startCwd), sessionId),
  };
  const { lines, startCwd } = relocate(text, roots, localRoot, session);
  const content = lines.join('');
  const sessionDir = session.dirFor(startCwd);
  // Subagent transcripts move like the main one, into the same session folder.
  const convert = (sub: string) =>
    relocate(sub, roots, localRoot, { id: sessionId, dirFor: () => sessionDir }).lines.join('');
  const files = companions.kind === 'available' ? companions.files : [];

  const folders = transcriptFolders(projects, startCwd);
  const resume = resumeCommand(startCwd, sessionId);
  for (const folder of folders) {
    const existing = join(folder, `${sessionId}.jsonl`);
    const status = await compareExisting(existing, content);
    if (status === 'already-installed') {
      // Claude Code deletes transcripts by age (cleanupPeriodDays): installing again restarts it,
      // and puts back any companion missing since.
      await installCompanions(files, join(folder, sessionId), convert);
      await freshen(existing);
    }
    if (status) return { status, path: existing, resume };
  }
  const target = join(projects, projectFolderName(startCwd), `${sessionId}.jsonl`);
  await mkdir(join(target, '..'), { recursive: true });
  // Companions first: once the transcript appears, everything it points to is there.
  if (files.length) await installCompanions(files, sessionDir, convert);
  try {
    await writeFileAtomic(target, content, { exclusive: true });
  } catch (error) {
    // Claude Code (or another install) created it meanwhile: theirs wins.
    if (codeOf(error) !== 'EEXIST') throw error;
    return {
      status: (await compareExisting(target, content)) ?? 'kept-existing',
      path: target,
      resume,
    };
  }
  return { status: 'installed', path: target, resume };
}

/**
 * The saving machine's repo path, plus the spellings its transcripts may use for it: on macOS
 * `/tmp`, `/var` and `/etc` are links into `/private`, and Claude Code records real paths.
 */
function fromRoots(savedPath: string): string[] {
  const roots = [savedPath];
  if (/^\/(tmp|var|etc)(\/|$)/.test(savedPath)) roots.push(`/private${savedPath}`);
  if (/^\/private\/(tmp|var|etc)(\/|$)/.test(savedPath)) roots.push(savedPath.slice(8));
  return roots;
}

/**
 * Fields whose whole value is a path Claude Code recorded (the session's folder, plan files,
 * edited files, large tool output saved beside the transcript): those inside the old repo path
 * are moved to the same place under the local clone, those inside the old session folder to the
 * installed one.
 */
const PATH_KEYS = new Set([
  'cwd',
  'planFilePath',
  'persistedOutputPath',
  'filePath',
  'file_path',
  'notebook_path',
]);

/**
 * The session whose files an install moves: paths into `<anything>/<id>/subagents/…` or
 * `<id>/tool-results/…` on the other machine (its projects folder, its home) point to the
 * same file under `dirFor(startCwd)` here.
 */
export interface SessionMove {
  id: string;
  dirFor: (startCwd: string) => string;
}

/**
 * Rewrites every path-bearing field (see {@link PATH_KEYS}, at any depth) recorded inside the old
 * repo path to the same place under the local clone, and (with `session`) every one inside the old
 * session folder to the installed one. Only the `"key":"…"` text of such a field is replaced, so
 * the rest of a line stays byte for byte what Claude Code wrote; a line in an unexpected layout is
 * re-serialized instead. Lines that are not JSON, and paths outside the repo, are kept as they
 * are; text that merely mentions a path is never changed.
 */
export function relocate(
  text: string,
  oldRoots: readonly string[],
  localRoot: string,
  session?: SessionMove,
): { lines: string[]; startCwd: string } {
  const moveInRepo = (path: string): string | null => {
    if (!isAbsolute(path)) return null;
    for (const root of oldRoots) {
      const rel = relative(root, path);
      if (rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))) {
        return rel === '' ? localRoot : join(localRoot, rel);
      }
    }
    return null;
  };
  const raws = text.split('\n');
  // `--resume` is keyed to the folder the session started in: the first cwd of the main thread.
  let start: string | null = null;
  for (const raw of raws) {
    const entry = raw === '' ? null : parseObject(raw);
    const to = entry && typeof entry.cwd === 'string' ? moveInRepo(entry.cwd) : null;
    if (to !== null && entry?.isSidechain !== true) {
      start = to;
      break;
    }
  }
  // Use it if it exists here.
  const startCwd = start !== null && isDirectory(start) ? resolve(start) : localRoot;
  const sessionDir = session ? session.dirFor(startCwd) : null;
  const move = (path: string): string | null => {
    if (session && sessionDir && isAbsolute(path)) {
      const marker = `/${session.id}/`;
      const at = path.lastIndexOf(marker);
      const rest = at === -1 ? '' : path.slice(at + marker.length);
      if (isCompanionPath(rest)) return join(sessionDir, ...rest.split('/'));
    }
    return moveInRepo(path);
  };
  const lines: string[] = [];
  for (const raw of raws) {
    if (raw === '') continue;
    const entry = parseObject(raw);
    const moves: { key: string; from: string; to: string }[] = [];
    if (entry) collectMoves(entry, move, moves, 0);
    if (!entry || moves.length === 0) {
      lines.push(`${raw}\n`);
      continue;
    }
    let line: string | null = raw;
    for (const { key, from, to } of moves) {
      const was = `"${key}":${JSON.stringify(from)}`;
      const index: number = line === null ? -1 : line.indexOf(was);
      if (line === null || index === -1 || line.indexOf(was, index + 1) !== -1) {
        line = null;
        break;
      }
      line = `${line.slice(0, index)}"${key}":${JSON.stringify(to)}${line.slice(index + was.length)}`;
    }
    lines.push(`${line ?? JSON.stringify(rewrite(entry, move, 0))}\n`);
  }
  return { lines, startCwd };
}

/** Nesting deeper than this is not searched (a transcript line is a few levels deep). */
const MAX_DEPTH = 8;

function collectMoves(
  value: unknown,
  move: (path: string) => string | null,
  out: { key: string; from: string; to: string }[],
  depth: number,
): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') {
      const to = PATH_KEYS.has(key) ? move(item) : null;
      if (to !== null) out.push({ key, from: item, to });
    } else {
      collectMoves(item, move, out, depth + 1);
    }
  }
}

function rewrite(value: unknown, move: (path: string) => string | null, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => rewrite(item, move, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      typeof item === 'string' && PATH_KEYS.has(key)
        ? (move(item) ?? item)
        : rewrite(item, move, depth + 1);
  }
  return copy;
}

/** `already-installed` when the same content is there, `kept-existing` for other content, else null. */
async function compareExisting(
  path: string,
  content: string,
): Promise<InstallOutcome['status'] | null> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return 'kept-existing';
    if (st.size !== Buffer.byteLength(content)) return 'kept-existing';
    return (await readFile(path, 'utf8')) === content ? 'already-installed' : 'kept-existing';
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    return 'kept-existing';
  }
}

/**
 * The other machine did not carry the conversation: how to carry it next time. The setting has
 * the same words in the app's Settings; the CLI also names the one-off option.
 */
export function notCarriedMessage(machineName: string, face: Face): string {
  const how =
    face === 'cli'
      ? 'turn on "Carry the Claude Code conversation" there (or save with --carry-conversation)'
      : 'turn on "Carry the Claude Code conversation" in Settings there';
  return `the conversation was not carried from ${machineName}: ${how}, then save again`;
}
