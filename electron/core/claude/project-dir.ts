/**
 * Where Claude Code keeps a project's transcripts on this machine. `claude --resume <id>` only finds
 * sessions stored under the folder of the current directory, so a
 * transcript is "here" only when it sits in the folder Claude Code would derive for a local path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_ID_PATTERN } from './session-id';

/** Longest folder name Claude Code keeps before it cuts the name and adds a hash. */
export const MAX_FOLDER_NAME = 200;

/** `$CLAUDE_CONFIG_DIR/projects` when set, else `~/.claude/projects` and `~/.config/claude/projects`. */
export function claudeProjectsCandidates(env: NodeJS.ProcessEnv, home: string): string[] {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  return configDir
    ? [join(configDir, 'projects')]
    : [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')];
}

/** The existing projects folders, in the order Claude Code prefers them. */
export function claudeProjectsDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  return claudeProjectsCandidates(env, home).filter(isDirectory);
}

/**
 * Claude Code's folder name for a (real) cwd: every character outside `[a-zA-Z0-9]` becomes `-`;
 * a name over 200 characters is cut and gets a base-36 hash of the whole path. The hash is the one
 * Claude Code's JS build uses; releases have changed it, which is why {@link transcriptFolders}
 * also accepts an existing folder with the same 200-character prefix.
 */
export function projectFolderName(cwd: string): string {
  const name = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (name.length <= MAX_FOLDER_NAME) return name;
  let hash = 0;
  for (let i = 0; i < cwd.length; i++) hash = ((hash << 5) - hash + cwd.charCodeAt(i)) | 0;
  return `${name.slice(0, MAX_FOLDER_NAME)}-${Math.abs(hash).toString(36)}`;
}

/**
 * Folders under `projects` that may hold the transcripts of `realCwd`: the exact derived name, and
 * for long paths any existing folder with the same cut prefix (other hash schemes). Callers check
 * the recorded `cwd` inside a file before trusting a prefix match.
 */
export function transcriptFolders(projects: string, realCwd: string): string[] {
  const exact = projectFolderName(realCwd);
  if (exact.length <= MAX_FOLDER_NAME) return [join(projects, exact)];
  const prefix = `${exact.slice(0, MAX_FOLDER_NAME)}-`;
  let names: string[] = [];
  try {
    names = readdirSync(projects).filter((name) => name !== exact && name.startsWith(prefix));
  } catch {
    // No projects folder yet.
  }
  return [join(projects, exact), ...names.map((name) => join(projects, name))];
}

/** Every `<projects>/<folder>/<sessionId>.jsonl` on this machine, whatever the project. */
export function findTranscriptsById(
  sessionId: string,
  env: NodeJS.ProcessEnv,
  home: string,
): string[] {
  if (!SESSION_ID_PATTERN.test(sessionId)) return [];
  const found: string[] = [];
  for (const projects of claudeProjectsDirs(env, home)) {
    let folders: string[];
    try {
      folders = readdirSync(projects);
    } catch {
      continue;
    }
    for (const folder of folders) {
      const file = join(projects, folder, `${sessionId}.jsonl`);
      if (isFile(file)) found.push(file);
    }
  }
  return found;
}

/** True for an existing directory; false for anything else, errors included. */
export function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
