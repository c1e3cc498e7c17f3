import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIRST_VIEW_ID, type FirstView, type RenderFirstView } from '../shared/first-view';

/** Where the built page leaves the popover; the first view goes into it. */
const ROOT = '<div id="root"></div>';

/**
 * The value as JSON that can sit inside a `<script type="application/json">` element whatever
 * strings it holds (they come from the sync folder): `<` could close the element or open a
 * comment there, so it and its companions are written as JSON escapes, which parse back the same.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * The built index.html with the first view in it: the markup inside `#root` and the data right
 * after it. Null when the page has no empty `#root` to fill (not built, or built differently).
 * The modulepreload links go: compiling React's chunk early would hold back the paint of a page
 * that needs no script to show its first view (main.tsx loads that chunk after the first frame).
 */
export function pageWithFirstView(
  template: string,
  view: FirstView,
  markup: string | null,
): string | null {
  const at = template.indexOf(ROOT);
  if (at < 0) return null;
  const data = `<script type="application/json" id="${FIRST_VIEW_ID}">${jsonForScript(view)}</script>`;
  const page = `${template.slice(0, at)}<div id="root">${markup ?? ''}</div>${data}${template.slice(at + ROOT.length)}`;
  return markup === null ? page : page.replace(/[ \t]*<link rel="modulepreload"[^>]*>\n?/g, '');
}

/** The built page, read for each request so a rebuild is served without a restart (it is small). */
export function readTemplate(staticDir: string): Promise<string | null> {
  return readFile(join(staticDir, 'index.html'), 'utf8').catch(() => null);
}

/**
 * The renderer bundle's `renderFirstView` (dist/renderer-server), loaded on first use; null when it
 * is missing or is not one, and the page is then served with the data alone, for the page to draw.
 */
export function rendererAt(bundle: string): () => RenderFirstView | null {
  let loaded: RenderFirstView | null | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    try {
      const exported: unknown = createRequire(bundle)(bundle);
      const render =
        typeof exported === 'object' && exported !== null
          ? (exported as { renderFirstView?: unknown }).renderFirstView
          : undefined;
      loaded = typeof render === 'function' ? (render as RenderFirstView) : null;
    } catch {
      loaded = null;
    }
    return loaded;
  };
}
