// The administrators' client section: services that get tokens of their own (client credentials)
// and applications that sign users in (OpenID Connect), through /api/admin/clients only.
// A client secret is shown once, when it is made or rotated, and taken out of the page when the
// administrator dismisses it or signs out: Keycard keeps only its hash and cannot show it again.
import { api, onChange, problem } from './session.js';
import { $, cell, element, enc, message } from './dom.js';

const PATH = '/api/admin/clients';
const TEXT_FIELDS = ['client-id', 'client-roles', 'client-name', 'client-redirect-uris', 'client-post-logout-uris',
  'client-backchannel-uri', 'client-audience'];

onChange((access) => {
  if (!access) {
    hideSecret();
  }
});

$('register-client').addEventListener('change', showFields);
showFields();

$('register-client').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = registration();
  const response = await api(PATH, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) {
    message('clients-message', (await problem(response)).message, true);
    return;
  }
  const client = await response.json();
  TEXT_FIELDS.forEach((id) => { $(id).value = ''; });
  if (client.client_secret) {
    showSecret(client.client_id, client.client_secret);
    message('clients-message', 'Registered ' + client.client_id + '.');
  } else {
    message('clients-message', 'Registered ' + client.client_id + ', a public client: it has no secret and must use PKCE.');
  }
  await loadClients();
});

$('copy-client-secret').hidden = !navigator.clipboard;
$('copy-client-secret').addEventListener('click', async () => {
  await navigator.clipboard.writeText($('client-secret-value').textContent);
  $('copy-client-secret').textContent = 'Copied';
});
$('dismiss-client-secret').addEventListener('click', hideSecret);

export async function loadClients() {
  const response = await api(PATH);
  if (!response.ok) {
    message('clients-message', (await problem(response)).message, true);
    return;
  }
  const clients = await response.json();
  const header = document.createElement('tr');
  header.append(element('th', 'Client'), element('th', 'Kind'), element('th', 'Grant types'),
    element('th', 'Redirect URIs'), element('th', 'State'), element('th', ''));
  if (clients.length === 0) {
    const none = document.createElement('tr');
    const td = element('td', 'No clients yet.', 'hint');
    td.colSpan = 6;
    none.append(td);
    $('clients').replaceChildren(header, none);
    return;
  }
  $('clients').replaceChildren(header, ...clients.map(row));
}

function row(client) {
  const id = client.client_id;
  const tr = document.createElement('tr');
  tr.dataset.clientId = id;
  tr.dataset.enabled = String(client.enabled);
  tr.classList.toggle('off', !client.enabled);

  const toggle = action('toggle', client.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => change(id, 'PATCH', { enabled: !client.enabled },
    (client.enabled ? 'Disabled ' : 'Enabled ') + id + '.'));
  const actions = [toggle];
  if (!isPublic(client)) {
    const rotate = action('rotate', 'Rotate secret');
    rotate.addEventListener('click', () => {
      if (window.confirm('Give ' + id + ' a new secret? Its current secret stops working at once.')) {
        rotateSecret(id);
      }
    });
    actions.push(rotate);
  }
  const remove = action('delete', 'Delete', 'danger');
  remove.addEventListener('click', () => {
    if (window.confirm('Delete the client ' + id + '? It can get no more tokens, and this cannot be undone.')) {
      change(id, 'DELETE', null, 'Deleted ' + id + '.');
    }
  });
  actions.push(remove);

  const who = cell(element('div', id, 'mono id'));
  if (client.client_name) {
    who.append(element('div', client.client_name, 'hint'));
  }
  const uris = cell(...client.redirect_uris.map((uri) => element('div', uri, 'mono')));
  uris.className = 'uris';
  const buttons = cell(...actions);
  buttons.className = 'actions';
  tr.append(who, element('td', kind(client)), cell(...client.grant_types.map((grant) => element('span', grant, 'tag'))),
    uris, element('td', client.enabled ? 'enabled' : 'disabled'), buttons);
  return tr;
}

/** service: its own tokens only; application: signs users in; public: an application without a secret. */
function kind(client) {
  if (isPublic(client)) {
    return 'public';
  }
  return client.grant_types.includes('authorization_code') ? 'application' : 'service';
}

function isPublic(client) {
  return client.token_endpoint_auth_method === 'none';
}

async function change(id, method, body, done) {
  const response = await api(PATH + '/' + enc(id), body ? { method, body: JSON.stringify(body) } : { method });
  if (response.ok) {
    message('clients-message', done);
  } else {
    message('clients-message', (await problem(response)).message, true);
  }
  await loadClients();
}

async function rotateSecret(id) {
  const response = await api(PATH + '/' + enc(id) + '/secret', { method: 'POST' });
  if (response.ok) {
    showSecret(id, (await response.json()).client_secret);
    message('clients-message', 'Rotated the secret of ' + id + '; the old one no longer works.');
  } else {
    message('clients-message', (await problem(response)).message, true);
  }
}

/** The request body for the form as it stands, in RFC 7591's names. */
function registration() {
  const body = { client_id: $('client-id').value.trim() };
  const roles = $('client-roles').value.split(/[\s,]+/).filter(Boolean);
  if (!$('client-kind-application').checked) {
    body.roles = roles; // grant_types: client_credentials, the default for a client without redirect URIs
    return body;
  }
  const grants = ['authorization_code'];
  if ($('client-grant-refresh').checked) {
    grants.push('refresh_token');
  }
  if ($('client-grant-credentials').checked) {
    grants.push('client_credentials');
    body.roles = roles;
  }
  Object.assign(body, {
    redirect_uris: lines('client-redirect-uris'),
    post_logout_redirect_uris: lines('client-post-logout-uris'),
    grant_types: grants,
    token_endpoint_auth_method: $('client-auth-method').value,
    scope: [...document.querySelectorAll('input[name="client-scope"]:checked')].map((box) => box.value).join(' '),
  });
  // Left out when empty: absent means none (Keycard's own audience for audience).
  for (const [name, id] of [['client_name', 'client-name'], ['backchannel_logout_uri', 'client-backchannel-uri'],
    ['audience', 'client-audience']]) {
    if ($(id).value.trim()) {
      body[name] = $(id).value.trim();
    }
  }
  return body;
}

/** The form shows what the chosen kind of client uses; a public client cannot have client_credentials. */
function showFields() {
  const application = $('client-kind-application').checked;
  $('client-id').placeholder = application ? 'portal' : 'billing';
  document.querySelectorAll('#register-client [data-kind="application"]').forEach((node) => {
    node.hidden = !application;
  });
  const credentials = $('client-grant-credentials');
  credentials.disabled = $('client-auth-method').value === 'none';
  if (credentials.disabled) {
    credentials.checked = false;
  }
  $('client-roles-field').hidden = application && !credentials.checked;
}

function lines(id) {
  return $(id).value.split('\n').map((line) => line.trim()).filter(Boolean);
}

function action(name, text, className) {
  const button = element('button', text, className);
  button.type = 'button';
  button.dataset.action = name;
  return button;
}

function showSecret(id, secret) {
  $('client-secret-for').textContent = id;
  $('client-secret-value').textContent = secret;
  $('copy-client-secret').textContent = 'Copy';
  $('client-secret').hidden = false;
  $('client-secret').scrollIntoView({ block: 'nearest' });
}

/** Takes the secret's text out of the page, not only out of sight. */
function hideSecret() {
  $('client-secret').hidden = true;
  $('client-secret-value').replaceChildren();
  $('client-secret-for').replaceChildren();
}
