import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIRST_VIEW_ID, type FirstView, type RenderFirstView } from '../shared/first-view';

/** Where the built page leaves the popover: the first view goes there, or it stays empty. */
export const BARE_ROOT = '<div id="root"></div>';

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

/** The built index.html and the stylesheets it links, by their link elements. */
export interface BuiltPage {
  template: string;
  styles: Map<string, string>;
}

/** The page cut where the first view goes: sent as two parts around it. */
export interface PageAround {
  /** Everything before `#root`: sent at once, while the host makes the first view. */
  head: string;
  /** Everything after it. */
  tail: string;
}

/** A stylesheet the build links (vite.config.ts: one, in assets/). */
const STYLESHEET = /<link rel="stylesheet" crossorigin href="\.\/assets\/([\w.-]+\.css)">/g;

/**
 * The built page, read for each request so a rebuild is served without a restart (it is small),
 * with the stylesheets it links; null when it is not built.
 */
export async function readPage(staticDir: string): Promise<BuiltPage | null> {
  const template = await readFile(join(staticDir, 'index.html'), 'utf8').catch(() => null);
  if (template === null) return null;
  const styles = new Map<string, string>();
  for (const [link, file] of template.matchAll(STYLESHEET)) {
    const css = await readFile(join(staticDir, 'assets', file as string), 'utf8').catch(() => null);
    // Inside <style>, only `</style` could end it early: such a sheet stays a link.
    if (css !== null && !/<\/style/i.test(css)) styles.set(link, css);
  }
  return { template, styles };
}

/**
 * The built page cut around its empty `#root`, or null when it has none (built differently).
 * With `rendered` the page needs no script to show its first view, so it needs no other request
 * either: its stylesheet comes inside it (a link would hold the paint until it is fetched, after
 * the page), and the modulepreload links go (compiling React's chunk early would hold that paint
 * back too; main.tsx loads the chunk after the first frame instead).
 */
export function pageAround(page: BuiltPage, rendered: boolean): PageAround | null {
  const at = page.template.indexOf(BARE_ROOT);
  if (at < 0) return null;
  let head = page.template.slice(0, at);
  if (rendered) {
    head = head.replace(/[ \t]*<link rel="modulepreload"[^>]*>\n?/g, '');
    for (const [link, css] of page.styles) head = head.replace(link, () => `<style>${css}</style>`);
  }
  return { head, tail: page.template.slice(at + BARE_ROOT.length) };
}

/** `#root` holding the first view's markup (if any), and the view's data right after it. */
export function firstViewBody(view: FirstView, markup: string | null): string {
  const data = `<script type="application/json" id="${FIRST_VIEW_ID}">${jsonForScript(view)}</script>`;
  return `<div id="root">${markup ?? ''}</div>${data}`;
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
