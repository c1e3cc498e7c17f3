/**
 * Global shortcuts: Electron's accelerator strings ("CommandOrControl+Shift+S") as a person reads
 * them (⌘⇧S on a Mac, Ctrl+Shift+S elsewhere), and built from a key press.
 */

type Modifier = 'control' | 'option' | 'shift' | 'command';

/** Mac menus list modifiers in this order: ⌃⌥⇧⌘. */
const ORDER: Modifier[] = ['control', 'option', 'shift', 'command'];
const MAC_SYMBOL: Record<Modifier, string> = {
  control: '⌃',
  option: '⌥',
  shift: '⇧',
  command: '⌘',
};
const PC_NAME: Record<Modifier, string> = {
  control: 'Ctrl',
  option: 'Alt',
  shift: 'Shift',
  command: 'Super',
};

/** Keys with a symbol on a Mac (and a name elsewhere), by accelerator name. */
const KEY_LOOK: Record<string, { mac: string; pc: string }> = {
  Return: { mac: '↩', pc: 'Enter' },
  Enter: { mac: '↩', pc: 'Enter' },
  Tab: { mac: '⇥', pc: 'Tab' },
  Space: { mac: 'Space', pc: 'Space' },
  Backspace: { mac: '⌫', pc: 'Backspace' },
  Delete: { mac: '⌦', pc: 'Delete' },
  Up: { mac: '↑', pc: 'Up' },
  Down: { mac: '↓', pc: 'Down' },
  Left: { mac: '←', pc: 'Left' },
  Right: { mac: '→', pc: 'Right' },
  Home: { mac: '↖', pc: 'Home' },
  End: { mac: '↘', pc: 'End' },
  PageUp: { mac: '⇞', pc: 'Page Up' },
  PageDown: { mac: '⇟', pc: 'Page Down' },
  Plus: { mac: '+', pc: 'Plus' },
};

/** One accelerator modifier word as the modifier it stands for on this platform. */
function modifierOf(word: string, mac: boolean): Modifier | null {
  switch (word.toLowerCase()) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return mac ? 'command' : 'control';
    case 'command':
    case 'cmd':
    case 'super':
    case 'meta':
      return 'command';
    case 'control':
    case 'ctrl':
      return 'control';
    case 'alt':
    case 'option':
    case 'altgr':
      return 'option';
    case 'shift':
      return 'shift';
    default:
      return null;
  }
}

/** How an accelerator reads: `⌘⇧S` on a Mac, `Ctrl+Shift+S` elsewhere. Unknown words kept as is. */
export function formatShortcut(accelerator: string, mac: boolean): string {
  const words = accelerator.split('+').filter((w) => w !== '');
  // "Control++" is the plus key: split leaves an empty word for it, which filter dropped.
  if (accelerator.endsWith('++')) words.push('Plus');
  const mods = new Set<Modifier>();
  const keys: string[] = [];
  for (const word of words) {
    const mod = modifierOf(word, mac);
    if (mod) mods.add(mod);
    else keys.push(KEY_LOOK[word]?.[mac ? 'mac' : 'pc'] ?? word.toUpperCase());
  }
  const ordered = ORDER.filter((m) => mods.has(m));
  return mac
    ? [...ordered.map((m) => MAC_SYMBOL[m]), ...keys].join('')
    : [...ordered.map((m) => PC_NAME[m]), ...keys].join('+');
}

/** The part of a key press a recorder needs (a KeyboardEvent has all of it). */
export interface KeyPress {
  code: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What one key press means to the recorder. */
export type Recorded =
  | { kind: 'shortcut'; accelerator: string }
  /** Only modifiers so far: show them and wait for the key. */
  | { kind: 'modifiers'; shown: string }
  | { kind: 'refused'; reason: string };

/** Physical keys (KeyboardEvent.code) Electron accepts, as its accelerator names. */
function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return digit[1] ?? null;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  const named: Record<string, string> = {
    Space: 'Space',
    Enter: 'Return',
    NumpadEnter: 'Return',
    Tab: 'Tab',
    Backspace: 'Backspace',
    Delete: 'Delete',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Home: 'Home',
    End: 'End',
    PageUp: 'PageUp',
    PageDown: 'PageDown',
    Comma: ',',
    Period: '.',
    Slash: '/',
    Semicolon: ';',
    Quote: "'",
    BracketLeft: '[',
    BracketRight: ']',
    Backslash: '\\',
    Minus: '-',
    Equal: '=',
    Backquote: '`',
  };
  return named[code] ?? null;
}

const MODIFIER_CODE = /^(Meta|OS|Control|Alt|Shift)(Left|Right)?$/;

/**
 * The shortcut a key press records. The physical key is used (`code`), not the character, since
 * ⌥ changes the character (⌥S types ß) but not the key. Refused: a key with no ⌘ or ⌃ (it would
 * fire while typing; function keys excepted), and on a Mac one with only ⌥ or ⌥⇧, which macOS 15
 * no longer delivers to apps that register them.
 */
export function recordShortcut(press: KeyPress, mac: boolean): Recorded {
  const mods = new Set<Modifier>();
  if (press.ctrlKey) mods.add('control');
  if (press.altKey) mods.add('option');
  if (press.shiftKey) mods.add('shift');
  if (press.metaKey) mods.add('command');
  const shownMods = ORDER.filter((m) => mods.has(m))
    .map((m) => (mac ? MAC_SYMBOL[m] : `${PC_NAME[m]}+`))
    .join('');
  if (MODIFIER_CODE.test(press.code)) return { kind: 'modifiers', shown: shownMods };
  const key = keyName(press.code);
  if (key === null) return { kind: 'refused', reason: 'That key cannot be part of a shortcut.' };
  const hasMain = mods.has('command') || mods.has('control');
  if (mac && mods.has('option') && !hasMain) {
    return {
      kind: 'refused',
      reason: 'macOS 15 no longer delivers shortcuts with only ⌥ or ⌥⇧: add ⌘ or ⌃.',
    };
  }
  if (!hasMain && !/^F\d+$/.test(key)) {
    return {
      kind: 'refused',
      reason: `Add ${mac ? '⌘ or ⌃' : 'Ctrl'}: a shortcut without it would fire while you type.`,
    };
  }
  const words: string[] = [];
  // ⌘ on a Mac and Ctrl elsewhere is Electron's CommandOrControl, the form the default uses.
  const primary: Modifier = mac ? 'command' : 'control';
  if (mods.has(primary)) words.push('CommandOrControl');
  for (const m of ORDER) {
    if (m === primary || !mods.has(m)) continue;
    words.push({ control: 'Control', option: 'Alt', shift: 'Shift', command: 'Super' }[m]);
  }
  words.push(key);
  return { kind: 'shortcut', accelerator: words.join('+') };
}
