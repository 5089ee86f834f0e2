// Passkeys: the signed-in user's list (add, rename, remove) and signing in with one instead of a
// password. Keycard sends WebAuthn's options as JSON with binary members in base64url, and takes
// the browser's PublicKeyCredential back in the same form; the conversions are here, by hand, so
// that no browser needs PublicKeyCredential.parseCreationOptionsFromJSON or toJSON().
import { api, onChange, problem, signInAt } from './session.js';
import { $, cell, element, message, report, when } from './dom.js';

const PATH = '/api/me/passkeys';
let shownFor = null; // the login (sid) whose list is shown: a silent refresh does not reload it

const supported = Boolean(window.PublicKeyCredential && navigator.credentials);
$('passkey-sign-in').hidden = !supported;
$('passkeys-card').hidden = !supported;

onChange((access) => {
  if (!access) {
    shownFor = null;
    return;
  }
  // A session that may only enrol a second factor cannot list passkeys (app.js hides the section).
  if (supported && shownFor !== access.claims.sid) {
    shownFor = access.claims.sid;
    loadPasskeys().catch(report);
  }
});

$('passkey-sign-in').addEventListener('click', async () => {
  const error = $('sign-in-error');
  error.hidden = true;
  try {
    const options = await (await ok(fetch('/api/auth/passkey/options', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }))).json();
    await signInAt('/api/auth/passkey', { credential: await get(options) });
  } catch (e) {
    error.textContent = e.status === 401 ? 'That passkey was not accepted. Sign in with your password, or try another.'
      : e.status === 429 ? 'Too many failed sign-ins from your network. Try again in ' + (e.retryAfter || 'a few') + ' seconds.'
        : e.name === 'NotAllowedError' ? 'No passkey was used.' : e.message;
    error.hidden = false;
  }
});

$('add-passkey').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('passkey-name').value.trim();
  try {
    const options = await (await ok(api(PATH + '/options', { method: 'POST', body: '{}' }))).json();
    await ok(api(PATH, { method: 'POST', body: JSON.stringify({ name, credential: await create(options) }) }));
    $('passkey-name').value = '';
    message('passkeys-message', 'Added ' + name + '.');
  } catch (e) {
    message('passkeys-message', e.name === 'InvalidStateError' ? 'This device already holds one of your passkeys.'
      : e.name === 'NotAllowedError' ? 'No passkey was made.' : e.message, true);
  }
  await loadPasskeys();
});

/** navigator.credentials.create() with Keycard's options; the new credential as JSON. */
export async function create(options) {
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      challenge: bytes(options.challenge),
      user: { ...options.user, id: bytes(options.user.id) },
      excludeCredentials: (options.excludeCredentials || []).map(descriptor),
    },
  });
  const response = credential.response;
  return json(credential, {
    attestationObject: text(response.attestationObject),
    transports: response.getTransports ? response.getTransports() : [],
  });
}

/** navigator.credentials.get() with Keycard's options; the assertion as JSON. */
export async function get(options) {
  const credential = await navigator.credentials.get({
    publicKey: {
      ...options,
      challenge: bytes(options.challenge),
      allowCredentials: (options.allowCredentials || []).map(descriptor),
    },
  });
  const response = credential.response;
  return json(credential, {
    authenticatorData: text(response.authenticatorData),
    signature: text(response.signature),
    userHandle: response.userHandle ? text(response.userHandle) : null,
  });
}

/** A PublicKeyCredential in WebAuthn's JSON form (what toJSON() gives), with its response's own members. */
function json(credential, response) {
  return {
    id: credential.id,
    rawId: text(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: text(credential.response.clientDataJSON), ...response },
  };
}

async function loadPasskeys() {
  const passkeys = await (await ok(api(PATH))).json();
  const header = document.createElement('tr');
  header.append(element('th', 'Name'), element('th', 'Added'), element('th', 'Last used'), element('th', 'Kind'),
    element('th', ''));
  $('passkeys').replaceChildren(header, ...passkeys.map((passkey) => {
    const tr = document.createElement('tr');
    tr.dataset.passkeyId = passkey.id;
    tr.dataset.name = passkey.name;
    const rename = element('button', 'Rename');
    rename.dataset.action = 'rename';
    rename.addEventListener('click', () => {
      const name = window.prompt('New name for ' + passkey.name + ':', passkey.name);
      if (name && name.trim()) {
        change(passkey, 'PATCH', { name: name.trim() }, 'Renamed to ' + name.trim() + '.');
      }
    });
    const remove = element('button', 'Remove');
    remove.dataset.action = 'remove';
    remove.addEventListener('click', () => {
      if (window.confirm('Remove the passkey ' + passkey.name + '? You can no longer sign in with it.')) {
        change(passkey, 'DELETE', null, 'Removed ' + passkey.name + '.');
      }
    });
    tr.append(element('td', passkey.name), element('td', when(passkey.created)),
      element('td', passkey.last_used ? when(passkey.last_used) : 'never'),
      element('td', passkey.device_bound ? 'this device only' : 'synced'), cell(rename, remove));
    return tr;
  }));
}

async function change(passkey, method, body, done) {
  const response = await api(PATH + '/' + encodeURIComponent(passkey.id),
    body ? { method, body: JSON.stringify(body) } : { method });
  if (response.ok) {
    message('passkeys-message', done);
  } else {
    const error = await problem(response);
    message('passkeys-message', error.type === 'urn:keycard:problem:fresh-login-required'
      ? 'Removing a passkey needs a recent sign-in: sign out and in again, then remove it.' : error.message, true);
  }
  await loadPasskeys().catch(report);
}

/** The response, once it has come; a problem (RFC 9457) thrown as an Error if it is not a success. */
async function ok(pending) {
  const response = await pending;
  if (!response.ok) {
    throw await problem(response);
  }
  return response;
}

function descriptor(credential) {
  return { ...credential, id: bytes(credential.id) };
}

/** base64url to bytes. */
function bytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** bytes (an ArrayBuffer) to base64url. */
function text(buffer) {
  let binary = '';
  new Uint8Array(buffer).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
