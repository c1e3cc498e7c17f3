/** The shells `session-sync shell-init` can print functions for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** A shell `session-sync shell-init` supports. */
export type Shell = (typeof SHELLS)[number];

/** Whether `x` names a supported shell (for validating the CLI argument). */
export function isShell(x: string): x is Shell {
  return (SHELLS as readonly string[]).includes(x);
}

/** The seed's four shell functions and the subcommand each one calls. */
const FUNCTIONS = [
  ['save-session', 'save', 'Save a Session Sync checkpoint'],
  ['restore-session', 'restore', 'Show where you left off and how to continue'],
  ['session-log', 'log', 'Session Sync history across machines'],
  ['session-status', 'status', 'Session Sync health and last checkpoints'],
] as const;

const DEFAULT_COMMAND = 'session-sync';

// A word every shell reads literally, so it needs no quotes.
const PLAIN_WORD = /^[A-Za-z0-9_./+-]+$/;

/**
 * The shell code defining `save-session`, `restore-session`, `session-log` and `session-status`,
 * each passing its arguments to `command` (default `session-sync`; an absolute path to the CLI is
 * quoted for the target shell).
 */
export function shellInit(shell: Shell, command: string = DEFAULT_COMMAND): string {
  const word = quoteFor(shell, command);
  // The hint is a comment line: a newline in the path would end it, so fall back to the plain name.
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  const hintWord = /[\u0000-\u001f\u007f]/.test(word) ? DEFAULT_COMMAND : word;
  if (shell === 'fish') {
    const header = `# Session Sync. Add to ~/.config/fish/config.fish: ${hintWord} shell-init fish | source`;
    const bodies = FUNCTIONS.map(
      ([name, sub, description]) =>
        `function ${name} --description '${description}'\n    ${word} ${sub} $argv\nend`,
    );
    return [header, ...bodies].join('\n') + '\n';
  }
  const rc = shell === 'zsh' ? '~/.zshrc' : '~/.bashrc';
  const header = `# Session Sync. Add to ${rc}: eval "$(${hintWord} shell-init ${shell})"`;
  // The `function NAME {` form, because `NAME() {` fails when an alias of that name already exists.
  const bodies = FUNCTIONS.map(([name, sub]) => `function ${name} { ${word} ${sub} "$@"; }`);
  return [header, ...bodies].join('\n') + '\n';
}

/** `text` as one literal word in `shell`. */
function quoteFor(shell: Shell, text: string): string {
  if (PLAIN_WORD.test(text)) return text;
  // fish single quotes treat only \' and \\ specially; bash and zsh single quotes nothing at all.
  if (shell === 'fish') return `'${text.replace(/[\\']/g, '\\$&')}'`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
