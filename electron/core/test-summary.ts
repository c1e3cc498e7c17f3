/** Pass/fail counts and a one-line summary found in a test run's output; nulls when none is known. */
export interface TestSummary {
  passed: number | null;
  failed: number | null;
  summary: string | null;
}

/** One runner's summary and the line it was found on, so the latest runner's summary wins. */
interface Found {
  line: number;
  passed: number | null;
  failed: number | null;
  skipped: number;
  text?: string;
}

type Parser = (lines: readonly string[]) => Found | null;

const MAX_LINE = 1000;

// CSI sequences (colours, cursor moves), OSC sequences (hyperlinks, titles) and two-byte escapes.
// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters by definition
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]/g;

/** Removes ANSI colour and cursor escapes, which every runner emits when it thinks it has a TTY. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Finds the final summary of vitest, jest, pytest, go test, cargo test or node --test in captured
 * output. The last summary wins (a watcher or a retry may print earlier ones), except cargo and go,
 * which print one result per test binary or package that together make up the run.
 */
export function summarizeTestOutput(output: string): TestSummary {
  // A bare `\r` is a terminal redraw: treating it as a line break keeps the redrawn text visible.
  // Summary lines are short; skipping long ones bounds regex work on a 256 KB tail.
  const lines = stripAnsi(output)
    .split(/\r\n|\r|\n/)
    .map((line) => (line.length > MAX_LINE ? '' : line));
  let best: Found | null = null;
  for (const parse of PARSERS) {
    const found = parse(lines);
    if (found && (!best || found.line > best.line)) best = found;
  }
  if (!best) return { passed: null, failed: null, summary: null };
  const summary = best.text ?? countsText(best.passed, best.failed, best.skipped);
  return { passed: best.passed, failed: best.failed, summary: summary.slice(0, 200) };
}

/** `124 passed, 1 failed, 3 skipped`: the counts people look for first. */
function countsText(passed: number | null, failed: number | null, skipped: number): string {
  const parts: string[] = [];
  if (passed !== null) parts.push(`${passed} passed`);
  if (failed !== null) parts.push(`${failed} failed`);
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return parts.join(', ');
}

/** A count from output we do not control: huge digit runs must not become `Infinity` in a record. */
function toCount(digits: string | undefined): number {
  const n = Number(digits ?? 0);
  return Number.isFinite(n) ? Math.min(n, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}

/** Adds up `12 passed`, `1 failed`… words into passed / failed / skipped totals. */
function tally(text: string, failWords: readonly string[]): Omit<Found, 'line'> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const m of text.matchAll(/(\d+) ([a-z]+)/g)) {
    const n = toCount(m[1]);
    const word = m[2] ?? '';
    if (word === 'passed') passed += n;
    else if (failWords.includes(word)) failed += n;
    else if (word === 'skipped' || word === 'todo' || word === 'pending') skipped += n;
  }
  return { passed, failed, skipped };
}

/** The last line index matching `pattern`, with its match. */
function lastMatch(lines: readonly string[], pattern: RegExp): [number, RegExpExecArray] | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = pattern.exec(lines[i] ?? '');
    if (m) return [i, m];
  }
  return null;
}

/** vitest: `      Tests  12 passed | 1 failed (13)` (`Test Files` is the per-file line, not tests). */
const vitest: Parser = (lines) => {
  const hit = lastMatch(
    lines,
    /^\s*Tests\s+(\d+ [a-z]+(?: [a-z]+)*(?: \| \d+ [a-z]+(?: [a-z]+)*)*) \(\d+\)\s*$/,
  );
  return hit && { line: hit[0], ...tally(hit[1][1] ?? '', ['failed']) };
};

/** jest: `Tests:       1 failed, 2 skipped, 12 passed, 15 total`. */
const jest: Parser = (lines) => {
  const hit = lastMatch(lines, /^\s*Tests:\s+((?:\d+ [a-z]+, )*\d+ total)\s*$/);
  return hit && { line: hit[0], ...tally(hit[1][1] ?? '', ['failed']) };
};

const PYTEST_WORD =
  /^\d+ (?:passed|failed|skipped|deselected|xfailed|xpassed|warnings?|errors?|rerun)$/;

/** pytest: `===== 3 failed, 10 passed in 0.12s =====`, `-q`'s `5 passed in 0.01s`, `no tests ran`. */
const pytest: Parser = (lines) => {
  const hit = lastMatch(
    lines,
    /^=*\s*(no tests ran|\d+ [a-z]+(?:, \d+ [a-z]+)*)(?:\s+in\s+\d+(?:\.\d+)?\s*s(?:econds)?(?:\s+\([\d:]+\))?)?\s*=*$/,
  );
  if (!hit) return null;
  const counts = hit[1][1] ?? '';
  if (counts === 'no tests ran') {
    return { line: hit[0], passed: 0, failed: 0, skipped: 0, text: 'no tests ran' };
  }
  // Only an `in 0.12s` tail or the `====` banner makes a bare `3 passed` a pytest summary.
  if (!/ in \d|^=|=$/.test(hit[1][0].trim())) return null;
  if (!counts.split(', ').every((part) => PYTEST_WORD.test(part))) return null;
  // An error is a test that could not run its setup or be collected: as much a failure as `failed`.
  return { line: hit[0], ...tally(counts, ['failed', 'error', 'errors']) };
};

/** cargo test: one `test result:` line per test binary (unit, each integration file, doc tests). */
const cargo: Parser = (lines) => {
  let line = -1;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  lines.forEach((text, i) => {
    const m = /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored/.exec(text);
    if (!m) return;
    line = i;
    passed = Math.min(passed + toCount(m[1]), Number.MAX_SAFE_INTEGER);
    failed = Math.min(failed + toCount(m[2]), Number.MAX_SAFE_INTEGER);
    skipped += toCount(m[3]);
  });
  return line < 0 ? null : { line, passed, failed, skipped };
};

/**
 * go test: with `-v` every top-level test prints `--- PASS:`/`--- FAIL:` and those are counted
 * (subtests are indented and folded into their parent); without it only failures print, so the
 * per-package `ok`/`FAIL` lines are counted instead.
 */
const goTest: Parser = (lines) => {
  let line = -1;
  let verbose = false;
  const tests = { PASS: 0, FAIL: 0, SKIP: 0 };
  const packages = { ok: 0, FAIL: 0, broken: 0 };
  lines.forEach((text, i) => {
    const test = /^--- (PASS|FAIL|SKIP): \S/.exec(text);
    const pkg = /^(ok|FAIL)\s+\S+\s+(\(cached\)|\d+(?:\.\d+)?s|\[[^\]]*\])/.exec(text);
    if (text.startsWith('=== RUN ')) verbose = true;
    if (test) {
      line = i;
      const kind = test[1] as keyof typeof tests;
      tests[kind] += 1;
      if (kind !== 'FAIL') verbose = true;
    } else if (pkg) {
      line = i;
      packages[pkg[1] === 'ok' ? 'ok' : 'FAIL'] += 1;
      // A package that did not build ran no tests, so no `--- FAIL` line will account for it.
      if (pkg[1] === 'FAIL' && pkg[2]?.startsWith('[')) packages.broken += 1;
    }
  });
  if (line < 0) return null;
  if (verbose) {
    return { line, passed: tests.PASS, failed: tests.FAIL + packages.broken, skipped: tests.SKIP };
  }
  if (packages.ok + packages.FAIL === 0) {
    return { line, passed: null, failed: tests.FAIL, skipped: 0 };
  }
  const noun = packages.ok === 1 ? 'package' : 'packages';
  const text = `${packages.ok} ${noun} ok, ${packages.FAIL} failed`;
  return { line, passed: packages.ok, failed: packages.FAIL, skipped: 0, text };
};

const NODE_LINE =
  /^(#|ℹ) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)\s*$/;

/** node --test: the TAP reporter's `# pass 4` block, or the spec reporter's `ℹ pass 4` block. */
const nodeTest: Parser = (lines) => {
  const hit = lastMatch(lines, /^(#|ℹ) pass \d+\s*$/);
  if (!hit) return null;
  // The summary is one contiguous block of `# key value` lines around `pass`.
  const values = new Map<string, number>();
  let end = hit[0];
  for (let i = hit[0]; i >= 0; i--) {
    const m = NODE_LINE.exec(lines[i] ?? '');
    if (!m || m[1] !== hit[1][1]) break;
    values.set(m[2] ?? '', toCount(m[3]));
  }
  for (let i = hit[0] + 1; i < lines.length; i++) {
    const m = NODE_LINE.exec(lines[i] ?? '');
    if (!m || m[1] !== hit[1][1]) break;
    values.set(m[2] ?? '', toCount(m[3]));
    end = i;
  }
  const get = (key: string): number => values.get(key) ?? 0;
  // A cancelled test (timed out, or its parent failed) makes node exit non-zero like a failure.
  return {
    line: end,
    passed: get('pass'),
    failed: get('fail') + get('cancelled'),
    skipped: get('skipped') + get('todo'),
  };
};

const PARSERS: readonly Parser[] = [vitest, jest, pytest, cargo, goTest, nodeTest];
