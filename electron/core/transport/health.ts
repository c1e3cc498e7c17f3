import type { GitRunner } from '../git/runner';
import { transportPaths } from './mirror-git';
import { emptyTransportState, readTransportState, type TransportState } from './state';
import { unpushedCheckpoints, type Unpushed } from './unpushed';

/** The git transport as status and Settings show it. */
export interface GitTransportHealth extends TransportState {
  kind: 'git';
  remote: string;
  unpushed: Unpushed;
}

/** Reads the transport's health from local state: no network, one git process at most. */
export async function gitTransportHealth(
  ctx: { stateDir: string; machine: { id: string }; gitRunner?: GitRunner },
  remote: string,
): Promise<GitTransportHealth> {
  const read = readTransportState(transportPaths(ctx.stateDir).stateFile);
  // Figures about a previous remote say nothing about this one until it has synced once.
  const state = read.remote === null || read.remote === remote ? read : emptyTransportState();
  const unpushed = await unpushedCheckpoints(
    ctx.stateDir,
    ctx.machine.id,
    state.mode,
    ctx.gitRunner,
  );
  return { ...state, kind: 'git', remote, unpushed };
}
