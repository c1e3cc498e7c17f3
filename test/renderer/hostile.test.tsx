// @vitest-environment jsdom
// Text from the sync folder that tries to read differently from what it holds (bidi overrides,
// zero-width spaces) or to drive a terminal (escape sequences, a newline inside a command) must
// reach the screen and the clipboard only through the one sanitizer.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  Checkpoint,
  ContinueHere,
  HistoryPage,
  Problem,
  RepoChoice,
} from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { LOCAL, makeCheckpoint, makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

const env = useRendererEnv();

const RLO = '\u202E'; // right-to-left override: shows "main" for "niam"
const ZWSP = '\u200B'; // zero-width space: "ma<ZWSP>in" looks like "main"
const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007'; // writes the clipboard in a terminal
const CSI = '\u001b[31m';

const HOSTILE_MACHINE = { id: 'evil-0000aaaa', name: `travel${RLO}ria-` };

/** A checkpoint with something hidden in every text field another machine controls. */
function hostileCheckpoint(patch: Partial<Checkpoint> = {}): Checkpoint {
  const base = makeCheckpoint();
  return makeCheckpoint({
    id: 'cp-hostile',
    machine: HOSTILE_MACHINE,
    tz: `Europe/Berlin${ZWSP}`,
    task: `Fix the ${RLO}gnp.exe${ZWSP} bug${OSC52}\nand ${CSI}more`,
    next: [`deploy${ZWSP} now${OSC52}`],
    repo: base.repo && {
      ...base.repo,
      name: `web${ZWSP}app`,
      branch: `ma${ZWSP}in`,
      subject: `Add ${CSI}tray${'\u0007'} icon${RLO}`,
      remote: `https://github.com/ana/web${ZWSP}app.git`,
    },
    tests: {
      command: 'npm test',
      exitCode: 1,
      durationMs: 1000,
      passed: null,
      failed: null,
      summary: `2 failed${'\u2066'} (see log)`,
    },
    ...patch,
  });
}

const COMMANDS = [
  `cd /Users/ana/code/web${ZWSP}app`,
  // A newline inside one command would run a second one when pasted.
  `git switch ma${RLO}in\nrm -rf ~`,
  `claude --resume 8d1e${OSC52}`,
];

function hostileContinue(): ContinueHere {
  return {
    localPath: '/Users/ana/code/webapp',
    commands: COMMANDS,
    warnings: [`3 uncommitted on ${HOSTILE_MACHINE.name}${CSI}`],
    conversation: { sessionId: '8d1e', status: 'carried', resume: null },
  };
}

const PROBLEMS: Problem[] = [
  {
    kind: 'bad-record',
    path: `machines/x/checkpoints/2025-10/a${RLO}nosj.json`,
    detail: `invalid task${OSC52}`,
  },
];

function hostilePage(items: Checkpoint[]): HistoryPage {
  return {
    total: items.length,
    offset: 0,
    items,
    facets: {
      machines: [LOCAL, { id: HOSTILE_MACHINE.id, name: HOSTILE_MACHINE.name }],
      repos: [`web${ZWSP}app`, 'api'],
    },
    problems: PROBLEMS,
  };
}

const REPOS: RepoChoice[] = [
  { path: `/Users/ana/code/web${ZWSP}app`, name: `web${ZWSP}app`, lastUsed: null },
];

function renderHostile() {
  return renderApp({
    getOverview: async () =>
      makeOverview({
        machines: [{ ...HOSTILE_MACHINE, lastSeen: null, checkpoints: 1 }],
      }),
    getLatest: async () => ({
      checkpoint: hostileCheckpoint(),
      continue: hostileContinue(),
      problems: PROBLEMS,
    }),
    getContinue: async () => hostileContinue(),
    queryHistory: async () => hostilePage([hostileCheckpoint()]),
    listRepos: async () => REPOS,
    installConversation: async () => ({
      ok: false,
      error: `no clone of web${ZWSP}app on this Mac${OSC52}`,
    }),
  });
}

/**
 * Every text node and attribute of the page that still holds a character the sanitizer would
 * change. Newlines and tabs inside text are fine: multiline text (a task) keeps them on purpose,
 * and HTML shows them as spaces or line breaks, never as controls. An option's value is a key the
 * page sends back to the host (a path), never shown, so it stays exact.
 */
function hiddenInPage(): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.textContent ?? '').replace(/[\n\t]/g, ' ');
      if (sanitizeText(text) !== text) found.push(`text ${JSON.stringify(text)}`);
    } else if (node instanceof Element) {
      for (const attr of Array.from(node.attributes)) {
        if (node.tagName === 'OPTION' && attr.name === 'value') continue;
        if (sanitizeText(attr.value) !== attr.value) {
          found.push(`${node.tagName.toLowerCase()}[${attr.name}]=${JSON.stringify(attr.value)}`);
        }
      }
    }
  }
  return found;
}

async function continueBox(within_: HTMLElement | Document = document) {
  const boxes = await screen.findAllByRole('region', { name: 'Continue here' });
  return boxes.find((b) => within_.contains(b)) as HTMLElement;
}

describe('hostile synced text', () => {
  it('Now: every field is shown escaped, escape sequences included, nothing hidden remains', async () => {
    renderHostile();
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    await continueBox(card);
    fireEvent.click(screen.getByRole('button', { name: /1 file could not be read/ }));
    // Install fails with a message that names the repo: that message is synced text too.
    fireEvent.click(screen.getByRole('button', { name: 'Install conversation' }));
    await screen.findByText(/no clone of/);
    await screen.findByRole('option', { name: 'web<U+200B>app' });

    expect(hiddenInPage()).toEqual([]);
    const text = document.body.textContent ?? '';
    // Escape sequences cannot act: their ESC and BEL are shown, not passed on.
    expect(text).toContain('bug<U+001B>]52;c;cm0gLXJmIH4=<U+0007>');
    expect(text).toContain('<U+001B>[31mmore');
    expect(text).toContain('Fix the <U+202E>gnp.exe<U+200B> bug');
    expect(text).toContain('travel<U+202E>ria-');
    expect(text).toContain('web<U+200B>app · ma<U+200B>in');
    expect(text).toContain('“Add <U+001B>[31mtray<U+0007> icon<U+202E>”');
    expect(text).toContain('2 failed<U+2066> (see log)');
    expect(text).toContain('deploy<U+200B> now');
    expect(text).toContain('a<U+202E>nosj.json');
    // The escapes are marked, so they read as "a hidden character was here".
    const marks = Array.from(card.querySelectorAll('.escaped')).map((e) => e.textContent);
    expect(marks).toContain('<U+202E>');
    expect(marks).toContain('<U+200B>');
  });

  it('Continue here: the copy buttons copy exactly what is shown, one line per command', async () => {
    renderHostile();
    const box = await continueBox();
    const shown = within(box)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('code')?.textContent);
    expect(shown).toEqual([
      'cd /Users/ana/code/web<U+200B>app',
      'git switch ma<U+202E>in<U+000A>rm -rf ~',
      'claude --resume 8d1e<U+001B>]52;c;cm0gLXJmIH4=<U+0007>',
    ]);
    expect(box.textContent).toContain('check these commands before you run them');

    fireEvent.click(within(box).getByRole('button', { name: 'Copy' }));
    expect(env.clipboard).toHaveBeenLastCalledWith(shown.join('\n'));
    const line = within(box).getByRole('button', {
      name: 'Copy command: git switch ma<U+202E>in<U+000A>rm -rf ~',
    });
    fireEvent.click(line);
    expect(env.clipboard).toHaveBeenLastCalledWith('git switch ma<U+202E>in<U+000A>rm -rf ~');
    for (const [copied] of env.clipboard.mock.calls) {
      expect(copied.split('\n')).toHaveLength(copied === shown.join('\n') ? 3 : 1);
      expect(sanitizeText(copied.replace(/\n/g, ' '))).toBe(copied.replace(/\n/g, ' '));
    }
  });

  it('History: rows, chips and an expanded row show escaped text', async () => {
    renderHostile();
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list', { name: 'Checkpoints' });
    const row = await within(list).findByRole('button', { expanded: false });
    expect(row.textContent).toContain('travel<U+202E>ria- · web<U+200B>app / ma<U+200B>in');
    fireEvent.click(row);
    await continueBox(list);
    expect(list.textContent).toContain('Europe/Berlin<U+200B>');
    const chips = screen.getByRole('group', { name: 'Filters' });
    expect(within(chips).getByRole('button', { name: 'travel<U+202E>ria-' })).toBeTruthy();
    expect(within(chips).getByRole('button', { name: 'web<U+200B>app' })).toBeTruthy();
    expect(hiddenInPage()).toEqual([]);
  });

  it('History: a record dated in the year 9999 is listed and tagged, the others are not', async () => {
    const future = hostileCheckpoint({
      id: 'cp-9999',
      at: '9999-12-31T23:59:59.000Z',
      task: 'From the year 9999',
    });
    renderApp({ queryHistory: async () => hostilePage([future, makeCheckpoint()]) });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list', { name: 'Checkpoints' });
    const rows = await within(list).findAllByRole('button', { expanded: false });
    expect(rows.map((r) => r.querySelector('.future-tag')?.textContent ?? null)).toEqual([
      'future',
      null,
    ]);
  });

  it('clean text is left as it is, with nothing marked', async () => {
    renderApp();
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    await waitFor(() => expect(card.textContent).toContain('Wiring the tray popover'));
    expect(document.querySelectorAll('.escaped')).toHaveLength(0);
    expect(document.body.textContent).not.toContain('<U+');
  });
});
