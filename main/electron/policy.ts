// What the desktop window may do, as pure functions (no electron import), so that the rules are tested without an
// Electron binary. main/electron/main.ts wires them to the window's events and the session's handlers.

/** The only origin the window shows: the program's own pages, served by the app:// protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'journal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL is one of the program's own pages (app://journal/…): no other host, port or credentials. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Chromium lower-cases the host of a standard scheme such as app://; Node's URL (used in tests) does not.
  return (
    u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === ''
  );
}

/** `will-navigate` (the main frame, started by the page or a user): only to the program's own pages. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/**
 * `will-frame-navigate` (any frame). The main frame follows `mayNavigate`. A subframe may only show inline content the
 * page wrote itself (`about:srcdoc`: the print preview and the hidden print frame); loading any URL into a frame —
 * the program's own pages included — is refused.
 */
export function mayFrameNavigate(url: string, isMainFrame: boolean): boolean {
  if (isMainFrame) return mayNavigate(url);
  return url === 'about:srcdoc';
}

/** `will-redirect`: the program's pages never redirect, so any redirect is somebody else's doing and is refused. */
export function mayRedirect(): boolean {
  return false;
}

/** `setWindowOpenHandler`: no new windows at all. */
export function mayOpenWindow(): boolean {
  return false;
}

/**
 * Session permissions (camera, microphone, geolocation, notifications, clipboard reading, …), both the request
 * handler and the check handler: all refused. The program needs none; copying text uses the `copy` command, which
 * asks for no permission.
 */
export function mayUsePermission(): boolean {
  return false;
}
