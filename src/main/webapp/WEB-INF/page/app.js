// The page: forms and tables around session.js, which does all the token handling.
import { api, current, decodeHeader, onChange, problem, resume, signIn, signOut } from './session.js';
import { $, cell, element, enc, message, report, when } from './dom.js';
import { loadClients } from './clients.js';
import { enrolmentOnly, loadFactor, loadFactorAdmin } from './factors.js';
import { get as getPasskey } from './passkeys.js';

const SECOND_FACTOR = 'urn:keycard:problem:second-factor-required';

/** One line on what each registered claim means (RFC 7519, MicroProfile JWT, RFC 9470). */
const MEANING = {
  alg: 'Signature algorithm; services accept only the one they are configured for.',
  kid: 'Which of Keycard\'s published keys signed the token (the JWKS entry to check it with).',
  typ: 'Token type.',
  iss: 'Issuer: who made the token. Services accept only Keycard\'s issuer URL.',
  sub: 'Subject: the user\'s stable id, the same after a rename.',
  upn: 'User principal name: the name MicroProfile JWT services see as the caller.',
  aud: 'Audience: the services the token is meant for; others must refuse it.',
  groups: 'Roles, which @RolesAllowed checks.',
  exp: 'Expiry: the token is refused after this time.',
  iat: 'Issued at.',
  nbf: 'Not valid before this time.',
  jti: 'Unique token id, so that this one token can be revoked.',
  sid: 'Session (login) id: signing out ends every token of the session.',
  auth_time: 'When the user last typed their password; sensitive operations want it recent.',
  amr: 'How the user signed in (RFC 8176): pwd a password, otp a one-time code, mfa more than one factor.',
  preferred_username: 'The user name, for display.',
};
const TIMES = new Set(['exp', 'iat', 'nbf', 'auth_time']);

let renewals = -1;
let lastSession = null;

onChange((access) => {
  if (!access) {
    show(false);
    return;
  }
  renewals += 1;
  $('renewals').textContent = String(Math.max(0, renewals));
  render(access).catch(report);
});

setInterval(() => {
  const access = current();
  if (access) {
    $('countdown').textContent = Math.max(0, Math.round((access.expiresAt - Date.now()) / 1000)) + ' s';
  }
}, 250);

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('sign-in-error');
  error.hidden = true;
  try {
    renewals = -1;
    await signIn($('username').value, $('password').value, $('otp-field').hidden ? null : $('otp').value.trim());
    $('password').value = '';
    $('otp').value = '';
    $('otp-field').hidden = true;
    $('otp-passkey').hidden = true;
  } catch (e) {
    if (e.type === SECOND_FACTOR) {
      // The password was right: the same form asks for the code, the password stays in its field.
      $('otp-passkey').hidden = !e.factors.includes('passkey') || !window.PublicKeyCredential;
      $('otp-field').hidden = !e.factors.includes('totp');
      $('otp').value = '';
      $('otp').focus();
    }
    error.textContent = signInMessage(e);
    error.hidden = false;
  }
});

$('otp-passkey').addEventListener('click', async () => {
  const error = $('sign-in-error');
  try {
    const options = await fetch('/api/auth/passkey/options', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
    });
    if (!options.ok) {
      throw await problem(options);
    }
    await signIn($('username').value, $('password').value, null, await getPasskey(await options.json()));
    $('password').value = '';
    $('otp-field').hidden = true;
    $('otp-passkey').hidden = true;
    error.hidden = true;
  } catch (e) {
    error.textContent = e.name === 'NotAllowedError' ? 'No passkey was used.' : signInMessage(e);
    error.hidden = false;
  }
});

$('sign-out').addEventListener('click', () => signOut(false).catch(report));
$('sign-out-everywhere').addEventListener('click', () => signOut(true).catch(report));

$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await changePassword();
});

$('reauth-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  // A fresh login: a new session with a new auth_time; the old session is ended, not left behind.
  const before = current().claims.sid;
  try {
    await signIn(current().claims.upn, $('reauth-password').value,
      $('reauth-otp-field').hidden ? null : $('reauth-otp').value.trim());
    $('reauth-password').value = '';
    $('reauth-otp').value = '';
    $('reauth-otp-field').hidden = true;
    $('reauth-form').hidden = true;
    await api('/api/me/sessions/' + encodeURIComponent(before), { method: 'DELETE' });
    await changePassword();
  } catch (e) {
    if (e.type === SECOND_FACTOR) {
      $('reauth-otp-field').hidden = false;
      $('reauth-otp').focus();
    }
    message('password-message', e.message, true);
  }
});

$('create-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  const roles = $('new-user-admin').checked ? ['user', 'admin'] : ['user'];
  const response = await api('/api/admin/users', {
    method: 'POST',
    body: JSON.stringify({ username: $('new-username').value, password: $('new-user-password').value, roles }),
  });
  if (response.ok) {
    message('admin-message', 'Created ' + $('new-username').value + '.');
    $('user-filter').value = $('new-username').value;
    $('new-username').value = '';
    $('new-user-password').value = '';
    await loadUsers();
  } else {
    message('admin-message', (await problem(response)).message, true);
  }
});

let filtering = null;
$('user-filter').addEventListener('input', () => {
  clearTimeout(filtering);
  filtering = setTimeout(() => loadUsers().catch(report), 250);
});

resume().then((signedIn) => show(signedIn));

async function changePassword() {
  const response = await api('/api/me/password', {
    method: 'POST',
    body: JSON.stringify({ current_password: $('current-password').value, new_password: $('new-password').value }),
  });
  if (response.ok) {
    $('current-password').value = '';
    $('new-password').value = '';
    message('password-message', 'Password changed. Your other sessions have been signed out.');
    await loadSessions();
    return;
  }
  const error = await problem(response);
  if (error.type === 'urn:keycard:problem:fresh-login-required') {
    $('reauth-form').hidden = false;
    $('reauth-password').focus();
  } else {
    message('password-message', error.message, true);
  }
}

async function render(access) {
  show(true);
  $('header-claims').replaceChildren(...rows(decodeHeader(access.token)));
  $('claims').replaceChildren(...rows(access.claims));
  if (lastSession === access.claims.sid) {
    return; // a silent refresh: the same login, nothing else changed
  }
  lastSession = access.claims.sid;
  const enrolOnly = enrolmentOnly(access);
  $('full-access').hidden = enrolOnly;
  $('full-access-more').hidden = enrolOnly;
  if (enrolOnly) {
    $('who').textContent = access.claims.upn;
    await loadFactor(true);
    return; // nothing else is open to this session
  }
  const me = await (await api('/api/me')).json();
  $('me-username').textContent = me.username;
  $('who').textContent = me.username;
  $('me-subject').textContent = me.subject;
  $('me-roles').replaceChildren(...me.roles.map((role) => element('span', role, 'tag')));
  await loadFactor(false);
  await loadSessions();
  const admin = me.roles.includes('admin');
  $('admin').hidden = !admin;
  $('clients-admin').hidden = !admin;
  if (admin) {
    await loadUsers();
    await loadClients();
  }
}

function rows(object) {
  return Object.entries(object).map(([name, value]) => {
    const shown = TIMES.has(name) ? value + ' (' + new Date(value * 1000).toISOString().replace('.000', '') + ')'
      : typeof value === 'string' ? value : JSON.stringify(value);
    const tr = document.createElement('tr');
    tr.append(element('td', name), element('td', shown), element('td', MEANING[name] || 'An attribute the administrator gave this user.'));
    return tr;
  });
}

async function loadSessions() {
  const sessions = await (await api('/api/me/sessions')).json();
  const header = document.createElement('tr');
  header.append(element('th', 'Signed in'), element('th', 'Last used'), element('th', 'Device'), element('th', ''));
  $('sessions').replaceChildren(header, ...sessions.map((session) => {
    const tr = document.createElement('tr');
    const end = element('button', session.current ? 'This session' : 'End');
    end.disabled = session.current;
    end.addEventListener('click', async () => {
      await api('/api/me/sessions/' + encodeURIComponent(session.id), { method: 'DELETE' });
      await loadSessions();
    });
    tr.append(element('td', when(session.created)), element('td', when(session.last_used)),
      element('td', (session.kind === 'sso' ? 'Single sign-on · ' : session.client_id ? session.client_id + ' · ' : '')
        + (session.user_agent || '').slice(0, 60) + ' ' + (session.client_address || '')), cell(end));
    return tr;
  }));
}

async function loadUsers() {
  const users = await (await api('/api/admin/users?size=50&q=' + enc($('user-filter').value.trim()))).json();
  const factors = await loadFactorAdmin();
  const header = document.createElement('tr');
  header.append(element('th', 'User'), element('th', 'From'), element('th', 'Roles'), element('th', 'Second factor'),
    element('th', 'State'), element('th', ''));
  $('users').replaceChildren(header, ...users.map((user) => {
    const tr = document.createElement('tr');
    tr.dataset.username = user.username;
    const toggle = element('button', user.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => adminAction('/api/admin/users/' + enc(user.username), 'PATCH',
      { enabled: !user.enabled }, (user.enabled ? 'Disabled ' : 'Enabled ') + user.username + '.'));
    const reset = element('button', 'Reset password');
    reset.addEventListener('click', () => {
      const password = window.prompt('New password for ' + user.username + ' (12+ characters):');
      if (password) {
        adminAction('/api/admin/users/' + enc(user.username) + '/password', 'POST', { password },
          'Password of ' + user.username + ' reset; their sessions ended.');
      }
    });
    // A directory user's password is the directory's: Keycard refuses to set it (409).
    const actions = user.source === 'directory' ? [toggle] : [toggle, reset];
    if (user.locked_until) {
      const unlock = element('button', 'Unlock');
      unlock.addEventListener('click', () => adminAction('/api/admin/users/' + enc(user.username) + '/unlock', 'POST',
        null, 'Unlocked ' + user.username + '.'));
      actions.push(unlock);
    }
    if (factors[user.username]) {
      const resetFactor = element('button', 'Reset second factor');
      resetFactor.addEventListener('click', () => {
        if (window.confirm('Remove every second factor of ' + user.username + ' (app, recovery codes, passkeys)?')) {
          adminAction('/api/admin/users/' + enc(user.username) + '/second-factors', 'DELETE', null,
            'Second factor of ' + user.username + ' reset: they sign in with the password and set one up again.');
        }
      });
      actions.push(resetFactor);
    }
    const state = !user.enabled ? 'disabled' : user.locked_until ? 'locked until ' + when(user.locked_until) : 'active';
    tr.append(element('td', user.username), element('td', user.source), element('td', user.roles.join(', ')),
      element('td', (factors[user.username] || []).map((f) => f === 'totp' ? 'app' : f).join(', ')),
      element('td', state), cell(...actions));
    return tr;
  }));
}

async function adminAction(path, method, body, done) {
  const response = await api(path, body ? { method, body: JSON.stringify(body) } : { method });
  if (response.ok) {
    message('admin-message', done);
  } else {
    message('admin-message', (await problem(response)).message, true);
  }
  await loadUsers();
}

function signInMessage(error) {
  if (error.type === SECOND_FACTOR) {
    return error.message;
  }
  if (error.status === 401) {
    return 'Wrong username or password. (Keycard does not say which, nor whether the account is locked or disabled.)';
  }
  if (error.status === 429) {
    return 'Too many failed sign-ins from your network. Try again in ' + (error.retryAfter || 'a few') + ' seconds.';
  }
  if (error.status === 503) {
    return 'Keycard is busy or cannot reach its database. Try again in a moment.';
  }
  return error.message;
}

function show(signedIn) {
  $('signed-out').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
  $('nav').hidden = !signedIn;
  if (!signedIn) {
    lastSession = null;
    $('otp-field').hidden = true;
    $('otp-passkey').hidden = true;
    $('username').focus();
  }
}
