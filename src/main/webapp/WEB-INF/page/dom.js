// Small DOM helpers shared by the page's modules (app.js, clients.js).

export const $ = (id) => document.getElementById(id);

/** Shows text in a status line; failed colours it as an error. */
export function message(id, text, failed = false) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('failed', failed);
  node.hidden = false;
}

export function report(error) {
  console.error(error);
}

/** An element with this text (as text, never as HTML). */
export function element(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

export function cell(...children) {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function enc(text) {
  return encodeURIComponent(text);
}
