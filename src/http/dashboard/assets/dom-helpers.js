/* global document */
// Small DOM helpers shared by the dashboard's views. Every value from the server goes in
// through textContent or an SVG attribute, never as markup.

const SVG = 'http://www.w3.org/2000/svg';

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'on')
      for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

export function num(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** Cents as an amount with two decimals (the books carry no currency). */
export function money(cents) {
  if (cents === null || cents === undefined) return '—';
  return (cents / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${Number(value).toFixed(2)}%`;
}

export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

export function seconds(value) {
  if (value === null || value === undefined) return '—';
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
}

export function ageOf(totalSeconds) {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}

export function table(caption, columns, rows, rowAttrs = () => ({})) {
  const head = el(
    'tr',
    {},
    columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      rowAttrs(row),
      columns.map((c) => {
        const value = c.cell(row);
        const cell = el('td', {
          class: c.num ? 'num' : c.wrap ? 'wrap' : null,
          'data-field': c.key,
        });
        cell.append(
          typeof value === 'object' && value !== null
            ? value
            : document.createTextNode(String(value)),
        );
        return cell;
      }),
    ),
  );
  const empty =
    rows.length === 0
      ? el(
          'tr',
          {},
          el('td', { colspan: columns.length, class: 'muted', text: 'Nothing to show.' }),
        )
      : null;
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', { class: 'muted', text: caption }),
      el('thead', {}, head),
      el('tbody', {}, body, empty),
    ),
  );
}

export function card(label, value, key) {
  return el(
    'div',
    { class: 'card' },
    el('div', { class: 'label', text: label }),
    el('div', { class: 'value', 'data-card': key, text: value }),
  );
}

/** A line in the page's polite status region. */
export function say(message) {
  document.getElementById('status').textContent = message;
}
