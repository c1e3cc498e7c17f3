import { execFile } from 'node:child_process';
import { GitMissingError, GitTimeoutError, type GitRunner } from './runner';

/** Largest stdout we accept from status/log; -z output of a huge dirty repo stays far below. */
const MAX_BUFFER = 64 * 1024 * 1024;

/** Runs git with Node's `execFile` (no shell, argument array): the CLI's runner. */
export const execFileGitRunner: GitRunner = (args, run) =>
  new Promise((resolve, reject) => {
    execFile(
      run.binary,
      [...args],
      {
        cwd: run.root,
        env: run.env,
        timeout: run.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_BUFFER,
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          return reject(new GitMissingError(`cannot run ${run.binary}: ${code}`));
        }
        if (error.killed && error.signal === 'SIGKILL') {
          return reject(new GitTimeoutError(`git took longer than ${run.timeoutMs} ms`));
        }
        reject(new Error(stderr.trim() || error.message));
      },
    );
  });
