// `npm start`: the menu-bar app when an Electron binary is installed (macOS, Windows, Linux
// desktops), else — where Electron cannot be downloaded — the same popover UI in the browser
// through the web host (`session-sync ui`), on the same core and settings.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // electron's index.js tries to download its binary when path.txt is missing: check first.
    const installed = join(dirname(require.resolve('electron/package.json')), 'path.txt');
    if (!existsSync(installed)) return null;
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const [command, args] = binary
  ? [binary, ['dist/main/index.cjs']]
  : [process.execPath, ['bin/session-sync', 'ui', ...process.argv.slice(2)]];
if (!binary) {
  process.stderr.write(
    'No Electron binary installed here: opening the Session Sync popover in your browser instead.\n',
  );
}
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
