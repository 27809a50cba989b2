import type { EntityProperty } from '@mikro-orm/core';

/**
 * Why a dump's value cannot be stored in a column, as a phrase ("expected …, got a string"), or
 * undefined when it can. Never the value itself: it may be a password hash.
 */
export type ValueCheck = (value: unknown) => string | undefined;

const INT32 = 2 ** 31;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What a JSON value is, for messages: "a string", "an array", "null". */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return 'a whole number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const expected = (what: string, value: unknown) => `expected ${what}, got ${kindOf(value)}`;
/** The same, for a value of a textual form: text in another form reads better than "a string". */
const expectedForm = (what: string, value: unknown) => (typeof value === 'string' ? `expected ${what}, got other text` : expected(what, value));

function text(max: number | undefined, pattern?: { re: RegExp; what: string }): ValueCheck {
  const what = pattern?.what ?? (max ? `text of at most ${max} characters` : 'text');
  return (value) => {
    if (typeof value !== 'string') return expected(what, value);
    // PostgreSQL refuses NUL in text; SQLite would keep it and truncate it in places.
    if (value.includes('\0')) return `expected ${what}, got text holding a NUL character`;
    if (pattern && !pattern.re.test(value)) return `expected ${what}, got other text`;
    if (max && [...value].length > max) return `expected ${what}, got longer text`;
    return undefined;
  };
}

const integer: ValueCheck = (value) => (Number.isSafeInteger(value) && Math.abs(value as number) < INT32 ? undefined : expected('a whole number from -2147483648 to 2147483647', value));

function decimal(precision: number, scale: number): ValueCheck {
  const limit = 10 ** (precision - scale);
  return (value) => (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < limit ? undefined : expected(`a number below ${limit} in magnitude`, value));
}

const timestamp: ValueCheck = (value) =>
  typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : expectedForm('an ISO timestamp (2024-01-31T12:00:00.000Z)', value);

const calendarDate: ValueCheck = (value) => {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  return date && date.toISOString().slice(0, 10) === value ? undefined : expectedForm('a date (2024-01-31)', value);
};

function oneOf(items: readonly string[]): ValueCheck {
  return (value) => (typeof value === 'string' && items.includes(value) ? undefined : expectedForm(`one of ${items.join(', ')}`, value));
}

/** The check for one type name of the entity metadata; undefined for a type no column uses yet. */
function checkForType(prop: EntityProperty): ValueCheck | undefined {
  switch (prop.type) {
    case 'integer':
      return integer;
    case 'string':
    case 'text':
      return text(prop.length);
    case 'uuid':
      return text(36, { re: UUID, what: 'a uuid' });
    case 'Date':
      return timestamp;
    case 'DateType':
      return calendarDate;
    case 'DecimalType':
      return decimal(prop.precision ?? 10, prop.scale ?? 0);
    default:
      return undefined;
  }
}

/**
 * The check of a dumped column, from the entity metadata: a reference is checked as the key it
 * refers to; null only where the column is nullable. Throws for a column whose type has no check
 * yet, so a new kind of column cannot be restored unchecked (the dump tests cover every column).
 */
export function columnCheck(prop: EntityProperty): ValueCheck {
  const key = prop.targetMeta ? prop.targetMeta.getPrimaryProps()[0]! : prop;
  const items = prop.enum && Array.isArray(prop.items) ? prop.items.map(String) : undefined;
  const check = items ? oneOf(items) : checkForType(key);
  if (!check) throw new Error(`no restore check for the type "${key.type}" of ${prop.name}: add one in dump-values.ts`);
  const nullable = prop.nullable === true;
  return (value) => (value === null || value === undefined ? (nullable ? undefined : 'a value is required, got null') : check(value));
}
