/**
 * `true` when A and B are the same type, else `false`: the identity trick (two generic functions
 * are mutually assignable only when their conditional types agree), which also tells `string` from
 * `any` and an optional field from a required one. Used as `const ok: TypeEqual<A, B> = true`, so
 * a drift fails the type check.
 */
export type TypeEqual<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
