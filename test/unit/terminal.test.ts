/* eslint-disable no-control-regex -- control characters are what these tests look for */
import { describe, expect, it } from 'vitest';
import { painter } from '../../electron/cli/output';
import { block, join, jsonText, padEnd, render, sgr, t } from '../../electron/cli/terminal';

const HOSTILE = 'a\u001b]52;c;QQ==\u0007b\u001b[2Jc\u009b31md\u202ee\u200bf\nFORGED';
/** HOSTILE as the sanitizer shows it on one line: every hidden character escaped, none live. */
const SHOWN =
  'a<U+001B>]52;c;QQ==<U+0007>b<U+001B>[2Jc<U+009B>31md<U+202E>e<U+200B>f<U+000A>FORGED';

describe('the terminal writer', () => {
  it('sanitizes plain strings whole, as one line', () => {
    expect(render(HOSTILE)).toBe(SHOWN);
    expect(render(42)).toBe('42');
  });

  it('keeps literal text of a template and sanitizes each value as one line', () => {
    const line = t`name: ${HOSTILE} · ${3} ${t`nested ${'x\ny'}`}`;
    expect(render(line)).toBe(`name: ${SHOWN} · 3 nested x<U+000A>y`);
  });

  it('keeps newlines in a block and indents its later lines', () => {
    expect(render(block('one\r\ntwo\u001b[31m\tthree', '  '))).toBe(
      'one\n  two<U+001B>[31m\tthree',
    );
  });

  it('lets colours survive: styling goes around text after it is sanitized', () => {
    const p = painter(true);
    const styled = render(p.style(HOSTILE, 'bold'));
    expect(styled).toBe(`\u001b[1m${SHOWN}\u001b[22m`);
    const named = render(t`on ${p.machine('box\u001b]0;x\u0007', 'id')}`);
    expect(named).toMatch(/^on \u001b\[38;5;\d+mbox<U\+001B>\]0;x<U\+0007>\u001b\[39m$/);
    // Our own colour codes inside a plain string are outside text like any other: escaped.
    expect(render(`${render(p.style('x', 'red'))}`)).toBe('<U+001B>[31mx<U+001B>[39m');
    expect(render(painter(false).style(HOSTILE, 'bold'))).toBe(render(HOSTILE));
  });

  it('makes only numeric SGR codes', () => {
    expect(() => sgr('x', '38;5;33', '39')).not.toThrow();
    expect(() => sgr('x', '0;52;c', '0')).toThrow();
    expect(() => sgr('x', ']52;c;QQ==\u0007', '0')).toThrow();
    expect(() => sgr('x', '1', '22m\u001b[2J')).toThrow();
  });

  it('pads and joins by what is shown', () => {
    expect(render(padEnd('a\u200b', 10))).toBe('a<U+200B> ');
    expect(render(join(['a\nb', t`c`], ', '))).toBe('a<U+000A>b, c');
  });

  it('writes JSON with C1, DEL, bidi and zero-width characters escaped, same data', () => {
    const value = {
      task: '\u009b31m \u0085 \u007f \u202e \u2066 \u200b \ufeff \u2028 \u{e0041} \u2065 ok ✓',
      plain: 'nothing here',
    };
    const text = render(jsonText(value, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\\u009b31m \\u0085 \\u007f \\u202e \\u2066 \\u200b \\ufeff \\u2028');
    expect(text).toContain('\\udb40\\udc41 \\u2065 ok ✓');
    expect(text).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/,
    );
    expect(render(jsonText({ a: 1 }))).toBe('{"a":1}');
  });
});
