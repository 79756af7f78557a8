/**
 * The demo's notes: per-user, in memory, bounded (the demo may run for hours in a
 * browser tab that a person leaves open; a loop in a test must not grow it forever).
 */
import { randomUUID } from 'node:crypto';

/** One note as the API returns it. */
export interface Note {
  readonly id: string;
  readonly text: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** Longest note text, in UTF-16 code units. */
export const MAX_NOTE_LENGTH = 500;
/** Most notes a user keeps; adding one more drops the oldest. */
export const MAX_NOTES_PER_USER = 100;

/** Why a note text was refused. */
export type NoteTextProblem = 'not-a-string' | 'empty' | 'too-long';

/** Checks a note text from a request body; returns the trimmed text or the problem. */
export function readNoteText(
  value: unknown,
):
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: NoteTextProblem } {
  if (typeof value !== 'string') return { ok: false, problem: 'not-a-string' };
  const text = value.trim();
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if (text.length > MAX_NOTE_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, text };
}

/** Per-user note lists. */
export interface NoteBook {
  /** The user's notes, oldest first. */
  list(userId: string): readonly Note[];
  /** Adds a note (text already checked with {@link readNoteText}). */
  add(userId: string, text: string): Note;
  /** Removes the user's note `id`; false when the user has no such note. */
  remove(userId: string, id: string): boolean;
  /** How many notes all users hold (for tests and the start banner). */
  count(): number;
}

/** An empty in-memory {@link NoteBook}. */
export function createNoteBook(now: () => Date = () => new Date()): NoteBook {
  const byUser = new Map<string, Note[]>();
  return {
    list: (userId) => [...(byUser.get(userId) ?? [])],
    add(userId, text) {
      const note: Note = { id: randomUUID(), text, createdAt: now().toISOString() };
      const notes = byUser.get(userId) ?? [];
      notes.push(note);
      if (notes.length > MAX_NOTES_PER_USER) notes.shift();
      byUser.set(userId, notes);
      return note;
    },
    remove(userId, id) {
      const notes = byUser.get(userId);
      const index = notes?.findIndex((n) => n.id === id) ?? -1;
      if (notes === undefined || index < 0) return false;
      notes.splice(index, 1);
      return true;
    },
    count: () => [...byUser.values()].reduce((sum, notes) => sum + notes.length, 0),
  };
}
