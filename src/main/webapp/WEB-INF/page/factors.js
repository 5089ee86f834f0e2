// The signed-in user's second factor (an authenticator app), and the administrator's policy of
// which roles must use one. app.js calls loadFactor after every sign-in.
import { api, current, problem, signOut } from './session.js';
import { $, element, message } from './dom.js';

/** The one role of a token that may only set up a second factor (the policy asks for one). */
export const ENROLMENT_ROLE = 'enrol-second-factor';

const FRESH_LOGIN = 'urn:keycard:problem:fresh-login-required';

export function enrolmentOnly(access) {
  const groups = (access && access.claims.groups) || [];
  return groups.length === 1 && groups[0] === ENROLMENT_ROLE;
}

export async function loadFactor(enrolOnly) {
  $('enrol-required').hidden = !enrolOnly;
  const status = await (await api('/api/me/totp')).json();
  $('totp-status').textContent = status.enabled
    ? 'An authenticator app is set up. Recovery codes left: ' + status.recovery_codes_left + '.'
    : 'No second factor is set up: your password alone signs you in.';
  $('totp-start').hidden = status.enabled || !$('totp-enrol').hidden;
  $('totp-remove').hidden = !status.enabled;
}

$('totp-start').addEventListener('click', async () => {
  const response = await api('/api/me/totp', { method: 'POST' });
  if (!response.ok) {
    message('factor-message', (await problem(response)).message, true);
    return;
  }
  const enrolment = await response.json();
  $('totp-qr').src = enrolment.qr_code;
  $('totp-secret').textContent = enrolment.secret;
  $('totp-enrol').hidden = false;
  $('totp-start').hidden = true;
  $('totp-code').focus();
});

$('totp-confirm').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await api('/api/me/totp/confirm', {
    method: 'POST',
    body: JSON.stringify({ code: $('totp-code').value.trim() }),
  });
  if (!response.ok) {
    message('factor-message', (await problem(response)).message, true);
    return;
  }
  const codes = (await response.json()).recovery_codes;
  $('totp-code').value = '';
  $('totp-secret').textContent = '';
  $('totp-qr').removeAttribute('src');
  $('totp-enrol').hidden = true;
  $('recovery-code-list').replaceChildren(...codes.map((code) => element('li', code)));
  $('recovery-codes').hidden = false;
  message('factor-message', 'The app is set up: from now on you sign in with your password and its code.');
  await loadFactor(enrolmentOnly(current()));
});

$('recovery-codes-saved').addEventListener('click', async () => {
  $('recovery-code-list').replaceChildren();
  $('recovery-codes').hidden = true;
  if (enrolmentOnly(current())) {
    // This session may only enrol: a sign-in with the new code gets the account's roles.
    await signOut(false);
  }
});

$('totp-remove').addEventListener('click', async () => {
  const response = await api('/api/me/totp', { method: 'DELETE' });
  if (response.ok) {
    message('factor-message', 'The authenticator app is removed, with its recovery codes.');
    await loadFactor(false);
    return;
  }
  const error = await problem(response);
  message('factor-message', error.type === FRESH_LOGIN
    ? 'This needs a recent sign-in with your code: sign out, sign in again, then remove it.'
    : error.message, true);
});

/** For the administrator's user list: each user's second factors by name, and the policy's roles. */
export async function loadFactorAdmin() {
  const policy = await (await api('/api/admin/second-factor-policy')).json();
  $('factor-policy-roles').value = policy.switched_on.join(' ');
  $('factor-policy-roles').title = policy.configured.length
    ? 'Also required by the server\'s setting: ' + policy.configured.join(' ') : '';
  return (await api('/api/admin/second-factors')).json();
}

$('factor-policy').addEventListener('submit', async (event) => {
  event.preventDefault();
  const roles = $('factor-policy-roles').value.split(/[\s,]+/).filter((role) => role);
  const response = await api('/api/admin/second-factor-policy', { method: 'PUT', body: JSON.stringify({ roles }) });
  message('admin-message', response.ok
    ? (roles.length ? 'Users with ' + roles.join(', ') + ' must now sign in with a second factor.'
      : 'No role requires a second factor now.')
    : (await problem(response)).message, !response.ok);
});
