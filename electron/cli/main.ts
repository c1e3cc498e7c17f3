import { main } from './index';

// Exit codes per SPEC §4; set rather than process.exit() so stdout is flushed first.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`session-sync: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
