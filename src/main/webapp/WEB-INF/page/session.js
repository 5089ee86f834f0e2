// How a browser front end holds Keycard's tokens. This file is the worked example the README
// points to; the rest of the page only calls signIn, signOut, api and onChange.
//
// - The access token lives in this module's memory only: never in localStorage or
//   sessionStorage, where any script injected into the page could read it later.
// - The refresh token never reaches JavaScript at all. Keycard sets it as an HttpOnly,
//   SameSite=Strict cookie limited to /api/auth when the login asks for {"cookie": true}.
// - Requests that use that cookie (refresh, sign-out) carry the X-CSRF-Token header, copied from
//   the readable keycard_csrf cookie. Another site can make the browser send the first cookie but
//   can neither read the second nor set the header, so it cannot refresh or sign out for the user.
// - The token is renewed shortly before it expires, once: concurrent callers share one refresh.
//   Two refreshes racing with one refresh token would look like token theft to Keycard (the
//   second is a reuse), so single-flight is not an optimisation but a requirement.

let access = null;      // { token, expiresAt (ms), claims }
let inFlight = null;    // the one refresh in progress, shared by every caller
let renewal = null;     // timer of the next silent refresh
const listeners = new Set();

/** Calls back with the current access state (null when signed out) after every change. */
export function onChange(listener) {
  listeners.add(listener);
}

export function current() {
  return access;
}

/**
 * otp or passkey: the second factor of a user who has one: an app's code or a recovery code, or a
 * passkey's assertion (passkeys.js get()).
 */
export async function signIn(username, password, otp, passkey) {
  await signInAt('/api/auth/login', { username, password, ...(otp ? { otp } : {}), ...(passkey ? { passkey } : {}) });
}

/** Signs in at another way in (a passkey: /api/auth/passkey) that answers as a login does. */
export async function signInAt(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, cookie: true }),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    throw await problem(response);
  }
  accept(await response.json());
}

/** A new access token through the refresh cookie; rejects (and signs out) if Keycard refuses. */
export function refresh() {
  if (!inFlight) {
    inFlight = (async () => {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
        body: '{}',
        credentials: 'same-origin',
      });
      if (!response.ok) {
        forget();
        throw await problem(response);
      }
      accept(await response.json());
    })().finally(() => { inFlight = null; });
  }
  return inFlight;
}

/** After a page load: signed in again if the refresh cookie is still good, quietly otherwise. */
export async function resume() {
  if (!csrfToken()) {
    return false;
  }
  try {
    await refresh();
    return true;
  } catch {
    return false;
  }
}

/** Ends this login (everywhere = every login of the user) and drops the tokens. */
export async function signOut(everywhere = false) {
  try {
    await api(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken() },
    });
  } finally {
    forget();
  }
}

/** fetch() with the access token, renewed first when it is about to expire. */
export async function api(path, options = {}) {
  if (!access) {
    throw new Error('Not signed in');
  }
  if (access.expiresAt - Date.now() < 5_000) {
    await refresh();
  }
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', 'Bearer ' + access.token);
  if (options.body && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return fetch(path, { ...options, headers, credentials: 'same-origin' });
}

/** Reads a problem+json (RFC 9457) answer into an Error with its type, status and detail. */
export async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not JSON
  }
  const error = new Error(body.detail || body.title || response.statusText || 'Request failed');
  error.status = response.status;
  error.type = body.type || '';
  error.retryAfter = response.headers.get('Retry-After');
  error.factors = body.factors || [];
  return error;
}

function accept(tokens) {
  const claims = decode(tokens.access_token);
  access = { token: tokens.access_token, expiresAt: claims.exp * 1000, claims };
  // Renew when a fifth of the lifetime is left (at most a minute early): well before expiry,
  // so that a slow network or a sleeping tab still has time, but not needlessly often.
  const lifetime = tokens.expires_in * 1000;
  const lead = Math.min(60_000, lifetime / 5);
  clearTimeout(renewal);
  renewal = setTimeout(() => refresh().catch(() => {}), Math.max(1_000, access.expiresAt - Date.now() - lead));
  listeners.forEach((listener) => listener(access));
}

function forget() {
  access = null;
  clearTimeout(renewal);
  listeners.forEach((listener) => listener(null));
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('keycard_csrf='));
  return cookie ? cookie.substring('keycard_csrf='.length) : '';
}

/** The token's payload. Decoding is not validation: the page trusts it only for display. */
export function decode(jwt) {
  return JSON.parse(base64url(jwt.split('.')[1]));
}

export function decodeHeader(jwt) {
  return JSON.parse(base64url(jwt.split('.')[0]));
}

function base64url(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}
