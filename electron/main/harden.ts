import type { Session, WebContents } from 'electron';

/**
 * The one permission our own page needs: the copy buttons use `navigator.clipboard.writeText`,
 * which Electron routes through the permission handlers.
 * https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a permission is granted: only the allow-list, and only to our renderer file. */
export function permissionAllowed(permission: string, requestingUrl: string, rendererUrl: string) {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl.split('#')[0] === rendererUrl;
}

/**
 * Electron security checklist items 13–14: no navigation, no new windows, no <webview>
 * (https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation).
 * Applied to every webContents from `app.on('web-contents-created')`.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission request and check except the allow-list (checklist item 5). */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  rendererUrl: string,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, rendererUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, rendererUrl),
  );
}
