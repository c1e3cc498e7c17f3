/**
 * The top-level `key: value` scalars of a small YAML file, for the few flat keys an agent's
 * metadata file holds (Copilot CLI's `workspace.yaml`). Not a YAML parser: nested maps and lists
 * are skipped, and anything this reader cannot be sure of reads as absent, the same answer as a
 * missing key, so a newer format degrades to "not found" instead of a wrong value.
 */

/** Values of the wanted top-level keys, in the file's own spelling of the keys. */
export function readFlatYaml(text: string, wanted: readonly string[]): Map<string, string> {
  const keys = new Set(wanted);
  const out = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const entry = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/.exec(line);
    if (!entry) continue;
    const key = entry[1] ?? '';
    if (!keys.has(key) || out.has(key)) continue;
    const raw = (entry[2] ?? '').trim();
    if (/^[|>][+-]?$/.test(raw)) {
      // A block scalar: the indented lines that follow, joined (folded or literal alike).
      const block: string[] = [];
      while (i + 1 < lines.length && /^(\s+\S|\s*$)/.test(lines[i + 1] ?? '')) {
        block.push((lines[++i] ?? '').trim());
      }
      const value = block.join(raw.startsWith('>') ? ' ' : '\n').trim();
      if (value !== '') out.set(key, value);
      continue;
    }
    const value = scalar(raw);
    if (value !== null) out.set(key, value);
  }
  return out;
}

/** A one-line scalar: double-quoted (JSON escapes), single-quoted (`''`), or plain. */
function scalar(raw: string): string | null {
  if (raw === '' || raw === '~' || raw === 'null') return null;
  if (raw.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(raw);
      return typeof value === 'string' ? value : null;
    } catch {
      return null; // YAML-only escapes (`\x`, `\U`…) or a multi-line string: not sure, so absent
    }
  }
  if (raw.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'$/.exec(raw);
    return match ? (match[1] ?? '').replace(/''/g, "'") : null;
  }
  // A flow collection, anchor, alias or tag is not a plain string.
  if (/^[[{&*!]/.test(raw)) return null;
  // A plain scalar ends at ` #` (a comment).
  const comment = raw.search(/\s#/);
  return (comment === -1 ? raw : raw.slice(0, comment)).trim() || null;
}
