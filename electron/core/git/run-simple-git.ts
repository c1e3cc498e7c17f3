import { GitPluginError, simpleGit } from 'simple-git';
import { GitMissingError, GitTimeoutError, type GitRunner } from './runner';

/**
 * Runs git through simple-git: the app's runner (a long-running process, where simple-git costs
 * the same as `execFile`, see docs/platform-notes.md). Configured with an absolute timeout, and completion
 * on `close` only — the default also waits ~50 ms after every process exits.
 */
export const simpleGitRunner: GitRunner = async (args, run) => {
  const extraKeys = Object.keys(run.env).filter((key) => process.env[key] !== run.env[key]);
  const git = simpleGit({
    baseDir: run.root,
    binary: run.binary,
    // Absolute: streaming output must not extend the deadline of a huge repo's status.
    timeout: { block: run.timeoutMs, stdOut: false, stdErr: false },
    completion: { onExit: false, onClose: true },
    allowEnvironment: extraKeys,
  }).env(run.env);
  try {
    return await git.raw([...args]);
  } catch (error) {
    if (error instanceof GitPluginError && error.plugin === 'timeout') {
      throw new GitTimeoutError(`git took longer than ${run.timeoutMs} ms`);
    }
    const message = error instanceof Error ? error.message : String(error);
    // simple-git reports a failed spawn as the error's text ("spawn <bin> ENOENT").
    if (
      (error instanceof GitPluginError && error.plugin === 'binary') ||
      /\bspawn\b.*\bENOENT\b/.test(message)
    ) {
      throw new GitMissingError(message.split('\n')[0] ?? 'cannot run git');
    }
    throw error;
  }
};
