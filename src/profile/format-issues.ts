// Turns schema issues into one line per problem, naming the file and the key path, with what was
// expected and what was found.
import type { z } from 'zod';

export function keyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

export function formatIssues(file: string, input: unknown, issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${file}: ${keyPath([...issue.path, key])}: unknown key; remove it or check its spelling`);
      }
      continue;
    }
    const found = describeValue(valueAt(input, issue.path));
    if (issue.code === 'invalid_value') {
      const expected = issue.values.map((v) => JSON.stringify(v)).join(', ');
      lines.push(`${file}: ${keyPath(issue.path)}: expected one of ${expected}, found ${found}`);
    } else if (issue.code === 'invalid_type') {
      lines.push(`${file}: ${keyPath(issue.path)}: expected ${issue.expected}, found ${found}`);
    } else {
      lines.push(`${file}: ${keyPath(issue.path)}: ${issue.message}, found ${found}`);
    }
  }
  return lines;
}
