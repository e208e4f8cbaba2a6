// Table lookups keyed by words from a command: `program` may be "constructor" or "__proto__", which
// a plain object lookup would answer with Object.prototype's members.

/** table[key] when the table itself has that key; otherwise undefined. */
export function own<T>(table: Record<string, T>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
