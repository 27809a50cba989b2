/**
 * How a connection's totalCount is counted (issue 31, "counts that do not scan"). A count in
 * `exact` mode reads every matching row; `capped` stops after `cap + 1` of them and answers the cap,
 * flagged inexact, beyond it; `estimated` counts capped and, beyond the cap on PostgreSQL, answers
 * the planner's row estimate instead of the cap (SQLite has none: it keeps the capped answer).
 * Small results are exact in every mode.
 */
export const COUNT_MODES = ['exact', 'capped', 'estimated'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** The mode a count is made in and the cap beyond which capped and estimated counts stop being exact. */
export interface CountPolicy {
  readonly mode: CountMode;
  readonly cap: number;
}

/** A counted total: `exact: false` when it is the cap (a lower bound) or the planner's estimate. */
export interface Count {
  readonly value: number;
  readonly exact: boolean;
}

/** Counts a connection's items under a policy; each page calls it once per policy at most. */
export type Counter = (policy: CountPolicy) => Promise<Count>;

/** The configuration's defaults (COUNT_MODE, COUNT_CAP), for callers that are given none. */
export const DEFAULT_COUNT_POLICY: CountPolicy = Object.freeze({ mode: 'capped', cap: 10_000 });

/** Whether a count reads at most cap + 1 rows (every mode but exact). */
export const isBounded = (policy: CountPolicy): boolean => policy.mode !== 'exact';

/** The rows a bounded count reads: one more than the cap tells "more than the cap" from "exactly the cap". */
export const cappedLimit = (policy: CountPolicy): number => policy.cap + 1;

/** What a count of at most cap + 1 rows answers: the cap, inexact, when it went past it. */
export function fromCapped(counted: number, policy: CountPolicy): Count {
  if (!isBounded(policy)) return { value: counted, exact: true };
  return counted > policy.cap ? { value: policy.cap, exact: false } : { value: counted, exact: true };
}

/** A key telling policies apart (loaders, memos, compiled statements). */
export const policyKey = (policy: CountPolicy): string => (isBounded(policy) ? `${policy.mode}:${policy.cap}` : policy.mode);

/** `counter` memoised per policy: totalCount and totalCountIsExact of one mode share one statement. */
export function memoCounter(counter: Counter): Counter {
  let counted: Map<string, Promise<Count>> | undefined;
  return (policy) => {
    const key = policyKey(policy);
    let count = (counted ??= new Map()).get(key);
    if (!count) counted.set(key, (count = counter(policy)));
    return count;
  };
}

/** The policy a count field asks for: its mode (the defaults' cap), or the defaults when it names none. */
export function policyFor(mode: CountMode | null | undefined, defaults: CountPolicy): CountPolicy {
  return mode == null || mode === defaults.mode ? defaults : { mode, cap: defaults.cap };
}
