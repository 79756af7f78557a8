import { describe, expect, it } from 'vitest';
import {
  createNoteBook,
  MAX_NOTE_LENGTH,
  MAX_NOTES_PER_USER,
  readNoteText,
} from '../../src/demo/notes.js';
import { checkDemoCredentials, DEMO_PASSWORD } from '../../src/demo/users.js';

describe('demo users', () => {
  it('accepts alice and bob with the demo password only', () => {
    expect(checkDemoCredentials('alice', DEMO_PASSWORD)?.id).toBe('alice');
    expect(checkDemoCredentials('bob', DEMO_PASSWORD)?.id).toBe('bob');
    expect(checkDemoCredentials('alice', 'corset-demo ')).toBeUndefined();
    expect(checkDemoCredentials('mallory', DEMO_PASSWORD)).toBeUndefined();
    expect(checkDemoCredentials(['alice'], DEMO_PASSWORD)).toBeUndefined();
    expect(checkDemoCredentials('alice', undefined)).toBeUndefined();
  });
});

describe('notes', () => {
  it('keeps notes per user and removes only the owner’s', () => {
    const book = createNoteBook(() => new Date('2030-01-01T00:00:00Z'));
    const a = book.add('alice', 'first');
    book.add('bob', 'bob note');
    expect(book.list('alice')).toEqual([
      { id: a.id, text: 'first', createdAt: '2030-01-01T00:00:00.000Z' },
    ]);
    expect(book.remove('bob', a.id)).toBe(false);
    expect(book.remove('alice', a.id)).toBe(true);
    expect(book.list('alice')).toEqual([]);
    expect(book.count()).toBe(1);
  });

  it('drops the oldest note beyond the per-user bound', () => {
    const book = createNoteBook();
    for (let i = 0; i <= MAX_NOTES_PER_USER; i++) book.add('alice', `n${i}`);
    const notes = book.list('alice');
    expect(notes).toHaveLength(MAX_NOTES_PER_USER);
    expect(notes[0]?.text).toBe('n1');
  });

  it('checks note texts', () => {
    expect(readNoteText('  hi  ')).toEqual({ ok: true, text: 'hi' });
    expect(readNoteText('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(readNoteText(3)).toEqual({ ok: false, problem: 'not-a-string' });
    expect(readNoteText('x'.repeat(MAX_NOTE_LENGTH + 1))).toEqual({
      ok: false,
      problem: 'too-long',
    });
  });
});
