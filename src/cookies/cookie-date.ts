/**
 * The cookie-date algorithm of RFC 6265bis §5.1.1: the lenient date parser user agents
 * apply to the `Expires` attribute. Pure; linear in the input; never throws.
 */

import { asciiLowercase } from './octets.js';

/**
 * delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E (RFC 6265bis §5.1.1).
 * Everything else, including non-ASCII, is a non-delimiter and part of a date-token.
 */
function isDateDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 && code <= 0x2f) ||
    (code >= 0x3b && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Length of the run of DIGITs starting at `from`. */
function digitRun(token: string, from: number): number {
  let i = from;
  while (i < token.length && isDigit(token.charCodeAt(i))) i++;
  return i - from;
}

function digitsValue(token: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) value = value * 10 + (token.charCodeAt(i) - 0x30);
  return value;
}

/**
 * time = hms-time [ non-digit *OCTET ]; hms-time = time-field ":" time-field ":"
 * time-field; time-field = 1*2DIGIT. A digit run of 3 or more cannot match: the field
 * would have to be followed by ":" or a non-digit.
 */
function matchTime(token: string): [number, number, number] | undefined {
  const fields: number[] = [];
  let at = 0;
  for (let field = 0; field < 3; field++) {
    const run = digitRun(token, at);
    if (run < 1 || run > 2) return undefined;
    fields.push(digitsValue(token, at, run));
    at += run;
    if (field < 2) {
      if (token.charCodeAt(at) !== 0x3a) return undefined;
      at++;
    }
  }
  return [fields[0] ?? 0, fields[1] ?? 0, fields[2] ?? 0];
}

/** `minDigits*maxDigits DIGIT [ non-digit *OCTET ]`: day-of-month (1-2) and year (2-4). */
function matchLeadingNumber(token: string, minDigits: number, maxDigits: number) {
  const run = digitRun(token, 0);
  return run >= minDigits && run <= maxDigits ? digitsValue(token, 0, run) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** month = ( "jan" / ... / "dec" ) *OCTET, case-insensitive; returns 0-11. */
function matchMonth(token: string): number | undefined {
  if (token.length < 3) return undefined;
  const head = asciiLowercase(token.slice(0, 3));
  const index = MONTHS.indexOf(head);
  return index === -1 ? undefined : index;
}

/** Day count of a month; `Date.UTC` with day 0 is the last day of the previous month. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Parses a cookie date (RFC 6265bis §5.1.1). Returns `undefined` when the algorithm
 * fails: a missing time, day-of-month, month or year; a day outside 1-31; a year before
 * 1601; hour > 23, minute or second > 59; or a date that does not exist (e.g. 31 Feb).
 * Two-digit years 70-99 mean 1970-1999 and 00-69 mean 2000-2069 (§5.1.1 steps 3-4).
 */
export function parseCookieDate(value: string): Date | undefined {
  let time: [number, number, number] | undefined;
  let dayOfMonth: number | undefined;
  let month: number | undefined;
  let year: number | undefined;

  // Step 1: split into date-tokens (maximal runs of non-delimiters); step 2: give each
  // token to the first production, in this order, that it matches and that is not found yet.
  let i = 0;
  while (i < value.length) {
    while (i < value.length && isDateDelimiter(value.charCodeAt(i))) i++;
    const start = i;
    while (i < value.length && !isDateDelimiter(value.charCodeAt(i))) i++;
    if (i === start) break;
    const token = value.slice(start, i);
    if (time === undefined) {
      time = matchTime(token);
      if (time !== undefined) continue;
    }
    if (dayOfMonth === undefined) {
      dayOfMonth = matchLeadingNumber(token, 1, 2);
      if (dayOfMonth !== undefined) continue;
    }
    if (month === undefined) {
      month = matchMonth(token);
      if (month !== undefined) continue;
    }
    if (year === undefined) year = matchLeadingNumber(token, 2, 4);
  }

  if (time === undefined || dayOfMonth === undefined || month === undefined) return undefined;
  if (year === undefined) return undefined;
  // Steps 3-4: two-digit years.
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  // Step 5: range checks.
  const [hour, minute, second] = time;
  if (dayOfMonth < 1 || dayOfMonth > 31 || year < 1601) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Step 6: the date must exist.
  if (dayOfMonth > daysInMonth(year, month)) return undefined;
  return new Date(Date.UTC(year, month, dayOfMonth, hour, minute, second));
}

/**
 * Formats a date as an IMF-fixdate (RFC 9110 §5.6.7), the `sane-cookie-date` servers
 * send in `Expires` (RFC 6265bis §4.1.1), e.g. `Thu, 01 Jan 1970 00:00:00 GMT`.
 */
export function formatCookieDate(date: Date): string {
  return date.toUTCString();
}
