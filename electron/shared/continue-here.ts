/** What "how do I continue here?" answers (core/continue-here.ts), as the CLI and the UI show it. */

/** Where a checkpoint's Claude Code conversation is, seen from this machine. */
export interface ConversationHere {
  sessionId: string;
  /**
   * `here`: `claude --resume` finds it from the local clone; `carried`: a copy waits in the sync
   * folder to be installed; `downloading`: that copy is not downloaded yet; `elsewhere`: it exists
   * only on the machine that saved it.
   */
  status: 'here' | 'carried' | 'downloading' | 'elsewhere';
  /** `cd <folder> && claude --resume <id>`, when the status is `here`. */
  resume: string | null;
}

/** How to pick the work up on this machine (`restore --json`'s `continue`). */
export interface ContinueHere {
  localPath: string | null;
  commands: string[];
  warnings: string[];
  conversation: ConversationHere | null;
  /**
   * One line per linked agent session, newest first: its command when it can resume here.
   * Always set by continue-here; optional so results from older hosts still fit the type.
   */
  agents?: AgentLine[];
}

export type AgentLineStatus =
  'here' | 'carried' | 'downloading' | 'elsewhere' | 'unknown' | 'invalid';

/** One agent's session of a checkpoint, as continue-here shows it (text sanitized and cut). */
export interface AgentLine {
  kind: string;
  /** "Codex CLI", or the kind itself when this build does not know it. */
  label: string;
  sessionId: string;
  title: string | null;
  status: AgentLineStatus;
  command: string | null;
}
