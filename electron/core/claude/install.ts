/**
 * Installs a carried Claude Code transcript on this machine, where `claude --resume` looks for it:
 * under the projects folder of the local clone's path, with every recorded `cwd` moved from the
 * other machine's path to this one. An existing file is never replaced.
 */
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { codeOf, UserError } from '../errors';
import type { Checkpoint } from '../record';
import { carriedState, MAX_CARRY_BYTES } from './carry';
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

/** Where to install, and from what. */
export interface InstallInput {
  syncDir: string;
  checkpoint: Checkpoint;
  /** This machine's clone of the checkpoint's repo (found by continue-here, never synced data). */
  localPath: string;
  env: NodeJS.ProcessEnv;
  home: string;
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
    throw new UserError(
      `the conversation was not carried from ${c.machine.name}: turn on "Carry the Claude Code conversation" there (or save with --carry-conversation), then save again`,
    );
  }
  if (carried.bytes > MAX_CARRY_BYTES) {
    throw new UserError('the carried conversation is larger than any this version carries');
  }
  const localRoot = await realpath(input.localPath).catch(() => {
    throw new UserError(`${input.localPath} does not exist on this machine`);
  });
  const text = await readFile(carried.path, 'utf8');
  const { lines, startCwd } = relocate(text, fromRoots(c.repo.path), localRoot);
  const content = lines.join('');

  const projects =
    claudeProjectsDirs(input.env, input.home)[0] ??
    (claudeProjectsCandidates(input.env, input.home)[0] as string);
  const folders = transcriptFolders(projects, startCwd);
  const resume = resumeCommand(startCwd, sessionId);
  for (const folder of folders) {
    const existing = join(folder, `${sessionId}.jsonl`);
    const status = await compareExisting(existing, content);
    if (status) return { status, path: existing, resume };
  }
  const target = join(projects, projectFolderName(startCwd), `${sessionId}.jsonl`);
  await mkdir(join(target, '..'), { recursive: true });
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
 * Rewrites the `cwd` of every line recorded inside the old repo path to the same place under the
 * local clone. Only the `"cwd":"…"` text of a line is replaced, so the rest stays byte for byte
 * what Claude Code wrote; a line in an unexpected layout is re-serialized instead. Lines that are
 * not JSON, or whose cwd lies outside the repo, are kept as they are.
 */
export function relocate(
  text: string,
  oldRoots: readonly string[],
  localRoot: string,
): { lines: string[]; startCwd: string } {
  const move = (cwd: string): string | null => {
    for (const root of oldRoots) {
      const rel = relative(root, cwd);
      if (rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))) {
        return rel === '' ? localRoot : join(localRoot, rel);
      }
    }
    return null;
  };
  let start: string | null = null;
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const entry = parseObject(raw);
    const cwd = entry?.cwd;
    const moved = typeof cwd === 'string' ? move(cwd) : null;
    if (!entry || typeof cwd !== 'string' || moved === null) {
      lines.push(`${raw}\n`);
      continue;
    }
    if (start === null && entry.isSidechain !== true) start = moved;
    const from = `"cwd":${JSON.stringify(cwd)}`;
    const index = raw.indexOf(from);
    lines.push(
      index !== -1 && raw.indexOf(from, index + 1) === -1
        ? `${raw.slice(0, index)}"cwd":${JSON.stringify(moved)}${raw.slice(index + from.length)}\n`
        : `${JSON.stringify({ ...entry, cwd: moved })}\n`,
    );
  }
  // `--resume` is keyed to the folder the session started in; use it if it exists here.
  const startCwd = start !== null && isDirectory(start) ? resolve(start) : localRoot;
  return { lines, startCwd };
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
