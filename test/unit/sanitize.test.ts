import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, sanitizeText } from '../../electron/shared/sanitize';

describe('sanitizeText', () => {
  it('leaves ordinary text alone, including non-Latin scripts and emoji', () => {
    for (const text of ['Fix the login form', 'Größe ändern', 'ログイン', 'مرحبا', 'ship it 🚀']) {
      expect(sanitizeText(text)).toBe(text);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
  });

  it('shows escape sequences escaped, so none reaches the terminal: colours, OSC 52, C1 CSI', () => {
    expect(sanitizeText('\u001b[31mred\u001b[0m')).toBe('<U+001B>[31mred<U+001B>[0m');
    expect(sanitizeText('a\u001b]52;c;ZWNobw==\u0007b')).toBe('a<U+001B>]52;c;ZWNobw==<U+0007>b');
    expect(sanitizeText('ma\u009b2Jin')).toBe('ma<U+009B>2Jin');
    expect(sanitizeText('a\rb')).toBe('a<U+000D>b');
  });

  it('shows other controls, bidi controls and zero-width characters escaped', () => {
    expect(sanitizeText('ma\u200bin')).toBe('ma<U+200B>in');
    expect(sanitizeText('\u202eexe.txt')).toBe('<U+202E>exe.txt');
    expect(sanitizeText('a\u2066b\u2069c\u200e\u200f\u061c')).toBe(
      'a<U+2066>b<U+2069>c<U+200E><U+200F><U+061C>',
    );
    expect(sanitizeText('bell\u0007 back\u0008 del\u007f nul\u0000')).toBe(
      'bell<U+0007> back<U+0008> del<U+007F> nul<U+0000>',
    );
    expect(sanitizeText('\ufeffbom')).toBe('<U+FEFF>bom');
    expect(sanitizeText('tag\u{e0041}')).toBe('tag<U+E0041>');
    // The whole U+2060–206F block of invisible format characters, unassigned U+2065 included.
    for (let code = 0x2060; code <= 0x206f; code++) {
      expect(hasHiddenCharacters(String.fromCodePoint(code)), code.toString(16)).toBe(true);
    }
  });

  it('escapes newlines in a one-line context and keeps them in a multi-line one', () => {
    expect(sanitizeText('a\nb\tc')).toBe('a<U+000A>b<U+0009>c');
    expect(sanitizeText('a\r\nb\rc\td', { multiline: true })).toBe('a\nb\nc\td');
    expect(sanitizeText('line\u2028sep', { multiline: true })).toBe('line<U+2028>sep');
  });

  it('leaves nothing hidden behind, whatever the input', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pool = ['\u001b', '[', ']', '5', ';', 'm', '\u0007', '\u009b', '\u009d', '\\', 'a', ' '];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let k = 0; k < 12; k++) {
        text +=
          random() < 0.7
            ? (pool[Math.floor(random() * pool.length)] as string)
            : String.fromCodePoint(Math.floor(random() * 0x2100));
      }
      const once = sanitizeText(text);
      expect(hasHiddenCharacters(once)).toBe(false);
      expect(sanitizeText(once)).toBe(once);
    }
  });
});
