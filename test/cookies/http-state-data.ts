/**
 * Loads the http-state test data (RFC 6265 test suite, as kept by tough-cookie) from the
 * shared folder next to the checkout (see ../shared/testdata/http-state/README.md).
 */
import { readFileSync } from 'node:fs';

const DIR = new URL('../../../shared/testdata/http-state/', import.meta.url);

export interface ParserCase {
  readonly test: string;
  readonly received: readonly string[];
  readonly 'sent-to'?: string;
  readonly sent: readonly { readonly name: string; readonly value: string }[];
}

export interface DateCase {
  readonly test: string;
  readonly expected?: string | null;
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as T;
}

export const parserCases = (): ParserCase[] => load('parser.json');
export const dateCases = (file: 'dates-examples.json' | 'dates-bsd-examples.json'): DateCase[] =>
  load(file);
