const COMMANDS = {
  save: `session-sync save TASK… [--repo P] [--next S]… [--test CMD] [--no-git] [--carry-conversation] [--amp-thread T-ID] [--json]
  Save a checkpoint: what you are doing plus the git state of the repo around you.
  --repo P     the repo to record (default: the git repo around the current folder)
  --next S     a next step; repeat for several
  --test CMD   run CMD in the repo and record the result (never its full output)
  --no-git     record the task alone
  --carry-conversation
               also copy the repo's newest Claude Code conversation into the sync folder, so
               another machine can resume it (the setting carryConversation does this always).
               Transcripts can contain secrets you pasted or tools printed: they travel with it.
  --amp-thread T-ID
               link the Amp thread you are in (Amp keeps threads on its server: there is no
               local store to find it in); resumed with amp threads continue T-ID
  Example: session-sync save "Wiring the tray popover" --next "test on a second display"

session-sync save --auto [--repo P] [--json]
  The save to run when you leave this machine (a lock-screen hook): no task needed. Every repo
  saved on this machine in the last 7 days, in Settings, or with a coding agent's session of the
  last 7 days here, whose git state changed since its last checkpoint here gets an automatic
  checkpoint with that checkpoint's task (or the newer agent session's title), linking the agents'
  sessions; nothing changed, nothing written. Off when the setting autoSave is off, unless --repo
  names one.
`,
  restore: `session-sync restore [--repo P] [--machine NAME] [--install-conversation] [--json]
  Show the latest checkpoint (of a repo / machine) and how to continue here: this machine's
  clone of the repo, the git commands that bring it to the checkpoint, and the Claude Code
  resume command. Nothing is run for you.
  --install-conversation
               install the Claude Code conversation carried with that checkpoint where this
               machine's Claude Code finds it (never replaces an existing file)
`,
  log: `session-sync log [-n N] [--machine NAME] [--repo NAME] [--since 7d|DATE] [--grep TEXT] [--json]
  History across machines, newest first.
`,
  status: `session-sync status [--json]
  This machine, the sync folder and its health, machines seen, last checkpoints, problems.
`,
  'shell-init': `session-sync shell-init bash|zsh|fish
  Print the shell functions save-session, restore-session, session-log, session-status.
  bash/zsh: eval "$(session-sync shell-init bash)"    fish: session-sync shell-init fish | source
`,
  import: `session-sync import FILE [--json]
  Import a seed-format session-history.md; importing twice adds nothing.
`,
  setup: `session-sync setup [--sync-dir P | --git-remote URL] [--machine-name N] [--auto-save on|off] [--json]
  Choose the transport and this machine's name; prints what it chose.
  --sync-dir P      sync through a folder (iCloud Drive, Dropbox, Syncthing…): the default
  --git-remote URL  sync through a private git remote you own (ssh or https; never your code
                    repo); authentication is your own ssh key or credential helper
  --auto-save on|off  save automatically when you leave this machine (default on; see save --auto)
`,
  sync: `session-sync sync [--once] [--json]
  With a git remote as the transport (setup --git-remote URL): push this machine's new
  checkpoints to its own ref, fetch every other machine's. --once syncs once and exits; without
  it, syncs every minute until interrupted. Exit 1 when the remote cannot be reached.
`,
  hook: `session-sync hook claude
  Print the Claude Code hooks configuration (JSON) that saves a checkpoint whenever a Claude Code
  session ends, with the session's title as the task. Merge it into ~/.claude/settings.json.
  (Claude Code itself runs \`session-sync hook claude --session-end\`, with the session on stdin.)
`,
  ui: `session-sync ui [--port N] [--no-open]
  Serve the Session Sync popover in your browser on 127.0.0.1.
`,
  '__regen-history': `session-sync __regen-history
  (internal) Regenerate session-history.md in the sync folder.
`,
} as const;

/** Every command the CLI knows. */
export type CommandName = keyof typeof COMMANDS;

/** True for a known command name. */
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The commands a person types (internal ones left out), for "did you mean". */
export function commandNames(): string[] {
  return Object.keys(COMMANDS).filter((name) => !name.startsWith('__'));
}

/** Help for one command. */
export function commandHelp(name: CommandName): string {
  return COMMANDS[name];
}

/** The top-level help. */
export const HELP = `Session Sync — save where you left off on one machine, pick it up on the next.

Usage: session-sync <command> [options]

Commands:
  save TASK…      save a checkpoint (task + git state)
  restore         the latest checkpoint and how to continue here
  log             history across machines, newest first
  status          this machine, the sync folder, problems
  shell-init SH   shell functions save-session, restore-session, session-log, session-status
  import FILE     import a seed session-history.md
  setup           choose the sync folder or git remote, and machine name
  sync            push and fetch checkpoints through a git remote
  hook claude     Claude Code hook that saves when a session ends
  ui              open the popover UI in your browser

Every command takes --help; most take --json for scripts.
Environment: SESSION_SYNC_DIR (sync folder), SESSION_SYNC_HOME (local state),
SESSION_SYNC_MACHINE (machine name), SESSION_SYNC_MACHINE_ID (machine id).
`;
