import { hasHiddenCharacters, sanitizeText } from '../../electron/shared/sanitize';

/** How the sanitizer writes a hidden character: `<U+202E>`. */
const ESCAPE = /(<U\+[0-9A-F]{4,6}>)/;

/**
 * Text that came from the sync folder (another machine, a sync service, or anyone who can write
 * there), shown only after the one sanitizer: a bidi override or a zero-width space is shown as
 * `<U+202E>` so a name cannot read differently from what it holds. Clean text (nearly all of it)
 * is rendered as the plain string it is.
 */
export function SyncedText({ text, multiline = false }: { text: string; multiline?: boolean }) {
  if (!hasHiddenCharacters(text)) return text;
  return <Escapes text={sanitizeText(text, { multiline })} />;
}

/**
 * Already-sanitized text with its escapes marked, so `<U+200B>` reads as "a hidden character was
 * here" rather than as part of the name around it. One span around it all, so a flex container
 * (a chip, the eyebrow) lays it out as one item, without its gap between the pieces.
 */
export function Escapes({ text }: { text: string }) {
  return (
    <span className="synced">
      {text.split(ESCAPE).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="escaped" title={`Hidden character ${part.slice(1, -1)}`}>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </span>
  );
}
