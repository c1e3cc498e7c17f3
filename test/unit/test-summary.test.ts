import { describe, expect, it } from 'vitest';
import { stripAnsi, summarizeTestOutput } from '../../electron/core/test-summary';

const E = '\u001b';
const lines = (...l: string[]): string => l.join('\n') + '\n';

// Captured from vitest 4.1 with FORCE_COLOR=1 (trimmed in the middle).
const VITEST_FAILING = lines(
  `${E}[1m${E}[30m${E}[46m RUN ${E}[49m${E}[39m${E}[22m ${E}[36mv4.1.12 ${E}[39m${E}[90m/tmp/cap/vt${E}[39m`,
  '',
  ` ${E}[31m❯${E}[39m a.test.mjs ${E}[2m(${E}[22m${E}[2m4 tests${E}[22m${E}[2m | ${E}[22m${E}[31m1 failed${E}[39m${E}[2m | ${E}[22m${E}[33m1 skipped${E}[39m${E}[2m)${E}[22m`,
  `${E}[41m${E}[1m FAIL ${E}[22m${E}[49m a.test.mjs${E}[2m > ${E}[22mbad`,
  `${E}[31m${E}[1mAssertionError${E}[22m: expected 1 to be 2 // Object.is equality${E}[39m`,
  `${E}[31m${E}[2m⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/1]⎯${E}[22m${E}[39m`,
  '',
  `${E}[2m Test Files ${E}[22m ${E}[1m${E}[31m1 failed${E}[39m${E}[22m${E}[90m (1)${E}[39m`,
  `${E}[2m      Tests ${E}[22m ${E}[1m${E}[31m1 failed${E}[39m${E}[22m${E}[2m | ${E}[22m${E}[1m${E}[32m2 passed${E}[39m${E}[22m${E}[2m | ${E}[22m${E}[33m1 skipped${E}[39m${E}[90m (4)${E}[39m`,
  `${E}[2m   Start at ${E}[22m 23:55:16`,
  `${E}[2m   Duration ${E}[22m 265ms${E}[2m (transform 17ms, setup 0ms, import 38ms, tests 10ms)${E}[22m`,
);

const VITEST_PASSING = lines(
  ' RUN  v4.1.12 /home/kip/app',
  '',
  ' ✓ src/a.test.ts (3 tests) 4ms',
  ' ✓ src/b.test.ts (2 tests) 2ms',
  '',
  ' Test Files  2 passed (2)',
  '      Tests  5 passed (5)',
  '   Start at  10:30:01',
  '   Duration  412ms (transform 80ms, setup 0ms, import 120ms, tests 6ms)',
);

const JEST = lines(
  ' FAIL  src/tags.test.js',
  '  ● tags › assigns the right tag',
  '',
  '    expect(received).toBe(expected) // Object.is equality',
  '',
  ' PASS  src/sum.test.js',
  '',
  'Test Suites: 1 failed, 1 passed, 2 total',
  'Tests:       1 failed, 2 skipped, 12 passed, 15 total',
  'Snapshots:   0 total',
  'Time:        1.234 s',
  'Ran all test suites.',
);

// Captured from pytest 8 with --color=yes (trimmed).
const PYTEST = lines(
  `${E}[1m============================= test session starts ==============================${E}[0m`,
  'platform linux -- Python 3.12.1, pytest-8.3.4, pluggy-1.5.0',
  'collected 14 items',
  '',
  `test_a.py ${E}[32m.${E}[0m${E}[31mF${E}[0m${E}[33ms${E}[0m${E}[31m                                  [100%]${E}[0m`,
  '=================================== FAILURES ===================================',
  `${E}[1m${E}[31mE   assert 1 == 2${E}[0m`,
  `${E}[36m${E}[1m=========================== short test summary info ============================${E}[0m`,
  `${E}[31mFAILED${E}[0m test_a.py::${E}[1mtest_two${E}[0m - assert 1 == 2`,
  `${E}[31m========= ${E}[31m${E}[1m3 failed${E}[0m, ${E}[32m10 passed${E}[0m, ${E}[33m1 skipped${E}[0m${E}[31m in 0.12s${E}[0m${E}[31m =========${E}[0m`,
);

const GO_PACKAGES = lines(
  'ok  \tgithub.com/kip/app/internal/store\t0.012s',
  'ok  \tgithub.com/kip/app/internal/tags\t(cached)',
  '?   \tgithub.com/kip/app/cmd/app\t[no test files]',
  '--- FAIL: TestParse (0.00s)',
  '    parse_test.go:14: got 3, want 4',
  'FAIL',
  'FAIL\tgithub.com/kip/app/internal/parse\t0.021s',
  'FAIL',
);

const GO_VERBOSE = lines(
  '=== RUN   TestAdd',
  '--- PASS: TestAdd (0.00s)',
  '=== RUN   TestTable',
  '=== RUN   TestTable/empty',
  '=== RUN   TestTable/one',
  '--- FAIL: TestTable (0.00s)',
  '    --- PASS: TestTable/empty (0.00s)',
  '    --- FAIL: TestTable/one (0.00s)',
  '        table_test.go:20: boom',
  '=== RUN   TestSkip',
  '    skip_test.go:8: not on linux',
  '--- SKIP: TestSkip (0.00s)',
  'FAIL',
  'FAIL\texample.com/m\t0.003s',
  '=== RUN   TestOther',
  '--- PASS: TestOther (0.00s)',
  'PASS',
  'ok  \texample.com/m/other\t0.002s',
);

// Captured from cargo 1.9x: a failing unit-test binary, an integration test and doc tests.
const CARGO = lines(
  '   Compiling cr v0.1.0 (/tmp/cap/cr)',
  '    Finished `test` profile [unoptimized + debuginfo] target(s) in 1.00s',
  '     Running unittests src/lib.rs (target/debug/deps/cr-f73a538893013b88)',
  '',
  'running 3 tests',
  'test tests::ig ... ignored',
  'test tests::one ... ok',
  'test tests::two ... FAILED',
  '',
  'failures:',
  '    tests::two',
  '',
  'test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.14s',
  '',
  'error: test failed, to rerun pass `--lib`',
  '     Running tests/it.rs (target/debug/deps/it-c402cc767e4d8483)',
  '',
  'running 2 tests',
  'test a ... ok',
  'test b ... ok',
  '',
  'test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s',
  '',
  '   Doc-tests cr',
  '',
  'running 1 test',
  'test src/lib.rs - add (line 1) ... ok',
  '',
  'test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s',
  '',
  'error: 1 target failed:',
  '    `--lib`',
);

// Captured from node 20 --test-reporter=tap.
const NODE_TAP = lines(
  'TAP version 13',
  '# Subtest: one',
  'ok 1 - one',
  '  ---',
  '  duration_ms: 0.417',
  '  ...',
  '# Subtest: bad',
  'not ok 3 - bad',
  '1..4',
  '# tests 4',
  '# suites 0',
  '# pass 2',
  '# fail 1',
  '# cancelled 0',
  '# skipped 1',
  '# todo 0',
  '# duration_ms 153.476789',
);

// Captured from node 20 --test-reporter=spec with FORCE_COLOR=1 (trimmed).
const NODE_SPEC = lines(
  `${E}[32m✔ one ${E}[90m(0.52ms)${E}[39m${E}[39m`,
  `${E}[31m✖ bad ${E}[90m(1.40ms)${E}[39m${E}[39m`,
  'ℹ tests 4',
  'ℹ suites 0',
  'ℹ pass 2',
  'ℹ fail 1',
  'ℹ cancelled 1',
  'ℹ skipped 1',
  'ℹ todo 0',
  'ℹ duration_ms 145.434699',
  '',
  `${E}[31m✖ failing tests:${E}[39m`,
  '',
  'test at a.test.mjs:2:47',
  `${E}[31m✖ bad ${E}[90m(1.405744ms)${E}[39m${E}[39m`,
  '  AssertionError [ERR_ASSERTION]: 1 == 2',
);

describe('summarizeTestOutput', () => {
  it('reads vitest with colours, failures and skips', () => {
    expect(summarizeTestOutput(VITEST_FAILING)).toEqual({
      passed: 2,
      failed: 1,
      summary: '2 passed, 1 failed, 1 skipped',
    });
  });

  it('reads a passing vitest run and ignores the Test Files line', () => {
    expect(summarizeTestOutput(VITEST_PASSING)).toEqual({
      passed: 5,
      failed: 0,
      summary: '5 passed, 0 failed',
    });
  });

  it('reads vitest `passed | failed` order from the brief', () => {
    const out = summarizeTestOutput('      Tests  12 passed | 1 failed (13)\n');
    expect(out).toEqual({ passed: 12, failed: 1, summary: '12 passed, 1 failed' });
  });

  it('reads jest', () => {
    expect(summarizeTestOutput(JEST)).toEqual({
      passed: 12,
      failed: 1,
      summary: '12 passed, 1 failed, 2 skipped',
    });
  });

  it('reads pytest with colours, and -q output, and errors as failures', () => {
    expect(summarizeTestOutput(PYTEST)).toEqual({
      passed: 10,
      failed: 3,
      summary: '10 passed, 3 failed, 1 skipped',
    });
    expect(summarizeTestOutput('.....\n5 passed in 0.01s\n')).toMatchObject({
      passed: 5,
      failed: 0,
    });
    const errors = '==== 1 failed, 4 passed, 2 warnings, 1 error in 65.12s (0:01:05) ====';
    expect(summarizeTestOutput(errors)).toMatchObject({ passed: 4, failed: 2 });
  });

  it('reads pytest with nothing collected', () => {
    expect(summarizeTestOutput('==== no tests ran in 0.01s ====\n')).toEqual({
      passed: 0,
      failed: 0,
      summary: 'no tests ran',
    });
  });

  it('counts go packages without -v', () => {
    expect(summarizeTestOutput(GO_PACKAGES)).toEqual({
      passed: 2,
      failed: 1,
      summary: '2 packages ok, 1 failed',
    });
  });

  it('counts top-level go tests with -v, over several packages', () => {
    expect(summarizeTestOutput(GO_VERBOSE)).toEqual({
      passed: 2,
      failed: 1,
      summary: '2 passed, 1 failed, 1 skipped',
    });
  });

  it('counts a go package that failed to build as a failure', () => {
    const out = lines(
      '=== RUN   TestA',
      '--- PASS: TestA (0.00s)',
      'FAIL\tex.com/b [build failed]',
    );
    expect(summarizeTestOutput(out)).toMatchObject({ passed: 1, failed: 1 });
  });

  it('sums cargo test binaries', () => {
    expect(summarizeTestOutput(CARGO)).toEqual({
      passed: 4,
      failed: 1,
      summary: '4 passed, 1 failed, 1 skipped',
    });
  });

  it('reads node --test TAP and spec reporters', () => {
    expect(summarizeTestOutput(NODE_TAP)).toEqual({
      passed: 2,
      failed: 1,
      summary: '2 passed, 1 failed, 1 skipped',
    });
    expect(summarizeTestOutput(NODE_SPEC)).toMatchObject({ passed: 2, failed: 2 });
  });

  it('uses the last summary when a run printed an earlier one', () => {
    const out = VITEST_FAILING + 'rerunning…\n' + VITEST_PASSING;
    expect(summarizeTestOutput(out)).toMatchObject({ passed: 5, failed: 0 });
    expect(summarizeTestOutput(JEST + PYTEST)).toMatchObject({ passed: 10, failed: 3 });
  });

  it('handles CRLF output and terminal redraws', () => {
    const out = 'Tests:       3 passed, 3 total\r\nTime: 1 s\r\n';
    expect(summarizeTestOutput(out)).toMatchObject({ passed: 3, failed: 0 });
    expect(summarizeTestOutput('progress 50%\r      Tests  4 passed (4)')).toMatchObject({
      passed: 4,
    });
  });

  it('returns nulls for unknown output', () => {
    const none = { passed: null, failed: null, summary: null };
    expect(summarizeTestOutput('')).toEqual(none);
    expect(summarizeTestOutput('Build succeeded.\n3 passed the vibe check\nDone in 2s\n')).toEqual(
      none,
    );
    expect(summarizeTestOutput('PASS\n')).toEqual(none);
  });

  it('skips pathological long lines instead of backtracking through them', () => {
    const line = `      Tests  1 passed${' '.repeat(300_000)}x\n`;
    expect(summarizeTestOutput(line + JEST).passed).toBe(12);
  });

  it('keeps counts finite and the summary short', () => {
    const out = summarizeTestOutput(`      Tests  ${'9'.repeat(400)} passed (1)`);
    expect(Number.isSafeInteger(out.passed)).toBe(true);
    expect(out.summary?.length).toBeLessThanOrEqual(200);
    // eslint-disable-next-line no-control-regex -- asserting the absence of control characters
    expect(out.summary).not.toMatch(/[\u0000-\u001f\u007f]/);
  });
});

describe('stripAnsi', () => {
  it('removes colours, cursor moves and hyperlinks', () => {
    const link = `${E}]8;;https://example.com${E}\\here${E}]8;;${E}\\`;
    expect(stripAnsi(`${E}[1m${E}[31mred${E}[0m ${E}[2K${E}[1Gline ${link}`)).toBe('red line here');
  });
});
