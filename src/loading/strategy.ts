import { AppError, ErrorCode } from '../errors.js';

/**
 * How relations are loaded for a request:
 * - lazy: each relation loads for its own parent when resolved (the N+1 baseline, on purpose);
 * - batched: one DataLoader per relation per request, one statement per relation per level;
 * - eager: the root resolver reads the selection set and loads the whole tree up front.
 */
export const LOADING_STRATEGIES = ['lazy', 'batched', 'eager'] as const;
export type LoadingStrategy = (typeof LOADING_STRATEGIES)[number];

export function isLoadingStrategy(value: string): value is LoadingStrategy {
  return (LOADING_STRATEGIES as readonly string[]).includes(value);
}

/** Reads the `x-loading-strategy` header; absent means the server default. */
export function strategyFromHeader(header: string | string[] | undefined, fallback: LoadingStrategy): LoadingStrategy;
export function strategyFromHeader(header: string | string[] | undefined): LoadingStrategy | undefined;
export function strategyFromHeader(header: string | string[] | undefined, fallback?: LoadingStrategy): LoadingStrategy | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (isLoadingStrategy(value)) return value;
  throw new AppError(ErrorCode.BAD_USER_INPUT, `Header x-loading-strategy must be one of ${LOADING_STRATEGIES.join(', ')}, got "${raw}"`, {
    header: 'x-loading-strategy',
    http: { status: 400 },
  });
}
