// The problem types cross the bridge to the renderer, so they live in electron/shared.
export type { Problem, ProblemKind } from '../shared/problem';
