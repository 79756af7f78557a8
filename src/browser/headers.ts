/**
 * Header lists as Fetch handles them (Fetch §2.2.2 "Headers"): names compared
 * case-insensitively, a repeated field read as its values joined by `, ` ("get"), except
 * `Set-Cookie`, whose lines stay apart.
 */
import type { HeaderInput } from './types.js';

/** A header list: lower-case name and value, in order. */
export type HeaderList = readonly (readonly [string, string])[];

/** Normalises {@link HeaderInput} to a header list with lower-case names. */
export function toHeaderList(input: HeaderInput | undefined): HeaderList {
  if (input === undefined) return [];
  const list: [string, string][] = [];
  if (Array.isArray(input)) {
    for (const [name, value] of input as readonly (readonly [string, string])[]) {
      list.push([name.toLowerCase(), value]);
    }
    return list;
  }
  for (const [name, value] of Object.entries(input as Record<string, string | readonly string[]>)) {
    const lower = name.toLowerCase();
    if (typeof value === 'string') list.push([lower, value]);
    else for (const item of value) list.push([lower, item]);
  }
  return list;
}

/** Fetch "get": the values of `name` joined by `, `, or `undefined` when absent. */
export function getHeader(list: HeaderList, name: string): string | undefined {
  let combined: string | undefined;
  for (const [key, value] of list) {
    if (key !== name) continue;
    combined = combined === undefined ? value : `${combined}, ${value}`;
  }
  return combined;
}

/** How many times `name` occurs (a repeated `Access-Control-Allow-Origin` always fails). */
export function countHeader(list: HeaderList, name: string): number {
  let count = 0;
  for (const [key] of list) if (key === name) count++;
  return count;
}

/** Every value of `name`, one per field line (for `Set-Cookie`). */
export function getAll(list: HeaderList, name: string): string[] {
  const values: string[] = [];
  for (const [key, value] of list) if (key === name) values.push(value);
  return values;
}

/** The distinct names present, in first-seen order. */
export function headerNames(list: HeaderList): string[] {
  const names: string[] = [];
  for (const [key] of list) if (!names.includes(key)) names.push(key);
  return names;
}

/** HTTP whitespace (Fetch §2.2 "HTTP tab or space"), trimmed off header values. */
export function trimOws(value: string): string {
  return value.replace(/^[\t ]+|[\t ]+$/g, '');
}

/** RFC 9110 §5.6.2 token characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `value` is an RFC 9110 token (a method or a field name). */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * Fetch "extract header list values" for a `#token` list header
 * (`Access-Control-Allow-Methods`, `-Headers`, `-Expose-Headers`): the items, or
 * `{ invalid }` naming the first item that is not a token. Empty items are skipped, as
 * the `#rule` list syntax allows (RFC 9110 §5.6.1).
 */
export function parseTokenList(
  value: string | undefined,
): { readonly items: string[] } | { readonly invalid: string } {
  if (value === undefined) return { items: [] };
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimOws(raw);
    if (item === '') continue;
    if (!isToken(item)) return { invalid: item };
    items.push(item);
  }
  return { items };
}
