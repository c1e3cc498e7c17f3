import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relocate } from '../../electron/core/claude/install';
import { tempDir } from '../helpers/git-repo';

const OLD = '/Users/kip/code/webapp';
const NEW = '/home/kip/src/webapp';

describe('relocate', () => {
  it('moves cwds inside the old repo, keeps every other byte and line', () => {
    const lines = [
      `{"type":"user","cwd":"${OLD}","sessionId":"s","message":{"content":"see ${OLD}/a.ts"}}`,
      `{"type":"user","cwd":"${OLD}/src","isSidechain":false}`,
      `{"type":"user","cwd":"${OLD}-fork","sessionId":"s"}`,
      `{"type":"user","cwd":"/etc","sessionId":"s"}`,
      'garbage {',
      '{"type":"summary","summary":"x"}',
      `{"cwd":${JSON.stringify(`${OLD}/dir "quoted" ü`)},"n":1.50}`,
    ];
    const { lines: out, startCwd } = relocate(`${lines.join('\n')}\n`, [OLD], NEW);
    expect(out).toEqual([
      // Only the cwd value changed: a path inside the message text stays what was said.
      `{"type":"user","cwd":"${NEW}","sessionId":"s","message":{"content":"see ${OLD}/a.ts"}}\n`,
      `{"type":"user","cwd":"${NEW}/src","isSidechain":false}\n`,
      `{"type":"user","cwd":"${OLD}-fork","sessionId":"s"}\n`,
      '{"type":"user","cwd":"/etc","sessionId":"s"}\n',
      'garbage {\n',
      '{"type":"summary","summary":"x"}\n',
      `{"cwd":${JSON.stringify(`${NEW}/dir "quoted" ü`)},"n":1.50}\n`,
    ]);
    // The start folder does not exist on this machine: resume from the clone's root.
    expect(startCwd).toBe(NEW);
  });

  it('moves every path-bearing field inside the old repo, at any depth, and nothing else', () => {
    const lines = [
      `{"type":"attachment","cwd":"${OLD}","attachment":{"type":"plan_file_reference","planFilePath":"${OLD}/docs/plan.md"}}`,
      `{"type":"user","cwd":"${OLD}/src","toolUseResult":{"filePath":"${OLD}/src/a.ts","oldString":"${OLD}/src/a.ts"}}`,
      `{"type":"assistant","cwd":"${OLD}","message":{"content":[{"type":"tool_use","input":{"file_path":"/etc/hosts"}}]}}`,
    ];
    const { lines: out } = relocate(`${lines.join('\n')}\n`, [OLD], NEW);
    expect(out).toEqual([
      `{"type":"attachment","cwd":"${NEW}","attachment":{"type":"plan_file_reference","planFilePath":"${NEW}/docs/plan.md"}}\n`,
      // A field that is not a path (an edit's old text) stays what it was, even when it looks like one.
      `{"type":"user","cwd":"${NEW}/src","toolUseResult":{"filePath":"${NEW}/src/a.ts","oldString":"${OLD}/src/a.ts"}}\n`,
      `{"type":"assistant","cwd":"${NEW}","message":{"content":[{"type":"tool_use","input":{"file_path":"/etc/hosts"}}]}}\n`,
    ]);
  });

  it('re-serializes a line whose layout it does not recognise, and maps /private spellings', () => {
    const spaced = `{"cwd": "/private/tmp/w/sub", "sessionId": "s"}`;
    const { lines } = relocate(`${spaced}\n`, ['/tmp/w', '/private/tmp/w'], NEW);
    expect(JSON.parse(lines[0] as string)).toEqual({ cwd: `${NEW}/sub`, sessionId: 's' });
  });

  it('starts where the main conversation started, never where a sidechain ran', () => {
    const local = tempDir();
    mkdirSync(join(local, 'agents'));
    mkdirSync(join(local, 'src'));
    const text = [
      `{"cwd":"${OLD}/agents","isSidechain":true}`,
      `{"cwd":"${OLD}/src","isSidechain":false}`,
    ].join('\n');
    expect(relocate(text, [OLD], local).startCwd).toBe(join(local, 'src'));
  });
});
