import { badInput } from '../../errors.js';
import { valueAt } from '../keys.js';
import type { ResolvedOrder } from './order.js';

/**
 * Opaque cursors: base64url JSON of [signature, 'k', ...values] (keyset) or
 * [signature, 'o', position] (position in the order). Dates travel as {"d": iso}.
 */
type Scalar = string | number | boolean | null | { d: string };

export type Cursor = { kind: 'keyset'; values: unknown[] } | { kind: 'offset'; position: number };

function encodeValue(value: unknown): Scalar {
  if (value instanceof Date) return { d: value.toISOString() };
  if (value === undefined) return null;
  return value as Scalar;
}

function decodeValue(value: Scalar): unknown {
  return value !== null && typeof value === 'object' ? new Date(value.d) : value;
}

/**
 * Whether a decoded value could have come from encodeValue: a forged cursor must fail here with
 * BAD_USER_INPUT, not as a database error. (A value of the right kind but the wrong column type,
 * a string for a number say, is caught by the database and answered as BAD_USER_INPUT too.)
 */
function isScalar(value: unknown): value is Scalar {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a cursor's strings must hold no control character
  if (typeof value === 'string') return value.length <= 1000 && !/[\u0000-\u001F]/.test(value);
  if (typeof value === 'object' && Object.keys(value).length === 1 && typeof (value as { d?: unknown }).d === 'string') {
    return !Number.isNaN(Date.parse((value as { d: string }).d));
  }
  return false;
}

export function keysetCursor(order: ResolvedOrder, entity: object): string {
  const values = order.keys.map((k) => encodeValue(valueAt(entity, k.path)));
  return Buffer.from(JSON.stringify([order.signature, 'k', ...values])).toString('base64url');
}

export function offsetCursor(order: ResolvedOrder, position: number): string {
  return Buffer.from(JSON.stringify([order.signature, 'o', position])).toString('base64url');
}

export function decodeCursor(order: ResolvedOrder, cursor: string, argument: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== order.signature) {
    throw badInput(argument, `Argument "${argument}" is not a cursor of this connection in this order`);
  }
  const [, kind, ...rest] = parsed as [string, string, ...Scalar[]];
  if (kind === 'o' && order.keyset === false && Number.isInteger(rest[0]) && (rest[0] as number) >= 0) {
    return { kind: 'offset', position: rest[0] as number };
  }
  if (kind === 'k' && order.keyset && rest.length === order.keys.length && rest.every(isScalar)) {
    return { kind: 'keyset', values: rest.map(decodeValue) };
  }
  throw badInput(argument, `Argument "${argument}" is not a cursor of this connection in this order`);
}
