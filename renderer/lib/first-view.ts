import { FIRST_VIEW_ID, type FirstView } from '../../electron/shared/first-view';

/**
 * The {@link FirstView} the web host served with the page, or null: in Electron, on a reload (the
 * token has left the address bar) or when the host could not render one. The JSON is the host's
 * own, but a page that fails to parse it only loses the head start.
 */
export function readFirstView(doc: Document = document): FirstView | null {
  const text = doc.getElementById(FIRST_VIEW_ID)?.textContent;
  if (!text) return null;
  try {
    const view = JSON.parse(text) as Partial<FirstView> | null;
    if (!view?.overview || !view.latest || typeof view.now !== 'string') return null;
    return view as FirstView;
  } catch {
    return null;
  }
}
