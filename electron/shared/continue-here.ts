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
}
