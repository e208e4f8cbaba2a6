// The approval page: one self-contained HTML document (no external assets, works offline). It
// listens to /api/events (SSE) for the pending list and history, counts down with the server's
// clock, and answers with POST /api/answer. Agent-supplied text is only ever set as textContent.

const CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 2rem; }
.card { border: 2px solid #c80; border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
.card code { font-size: 1.05rem; word-break: break-all; white-space: pre-wrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .5rem 0; }
dt { font-weight: bold; } dd { margin: 0; word-break: break-all; }
.countdown { font-weight: bold; font-variant-numeric: tabular-nums; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
button { font-size: 1rem; padding: .6rem 1rem; border-radius: .4rem; border: 1px solid #888; cursor: pointer; }
button.approve { background: #2a7; color: #fff; } button.reject { background: #c33; color: #fff; }
button:disabled { opacity: .55; cursor: wait; }
button:focus-visible { outline: 3px solid #39f; outline-offset: 2px; }
#history li { margin: .3rem 0; word-break: break-all; }
.empty { color: #888; } .error { color: #c33; }
`;

const SCRIPT = `
const token = new URLSearchParams(location.search).get('token') || '';
const nameInput = document.getElementById('name');
nameInput.value = localStorage.getItem('argent-approver-name') || '';
nameInput.addEventListener('change', () => localStorage.setItem('argent-approver-name', nameInput.value));
let offset = 0, pending = [];
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
function left(req) { const s = Math.max(0, Math.ceil((req.expiresAt - (Date.now() + offset)) / 1000)); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); }
async function answer(req, approve, forSession) {
  const body = { requestId: req.requestId, approve, forSession, name: nameInput.value, command: req.command, cwd: req.cwd, profileRevision: req.profileRevision };
  const res = await fetch('/api/answer', { method: 'POST', headers: { 'content-type': 'application/json', 'x-argent-token': token }, body: JSON.stringify(body) });
  if (!res.ok) document.getElementById('status').textContent = 'Not applied: ' + ((await res.json()).error || res.status);
}
function card(req) {
  const c = el('section', undefined, 'card'); c.setAttribute('aria-label', 'approval request'); c.dataset.requestId = req.requestId; c.tabIndex = -1;
  c.append(el('code', req.command));
  const dl = el('dl');
  const row = (k, v) => { dl.append(el('dt', k), el('dd', v)); };
  row('cwd', req.cwd); row('profile', req.profile + ' (revision ' + req.profileRevision + ')');
  row('asked by', 'session ' + req.sessionId + (req.agent ? ', agent ' + req.agent : '')); row('why', req.reason);
  for (const r of req.rules.filter((r) => r.decision !== 'allow')) row('rule', '[' + r.decision + '] ' + r.key + ': ' + r.detail);
  for (const p of req.paths) row('path', p.access + ' ' + p.resolved + (p.inside ? '' : ' (outside allowed paths)'));
  const cd = el('span', left(req), 'countdown'); cd.dataset.expires = req.expiresAt;
  row('auto-reject in', ''); dl.lastChild.append(cd);
  const actions = el('div', undefined, 'actions');
  const b = (label, cls, approve, forSession) => { const x = el('button', label, cls); x.type = 'button'; x.addEventListener('click', () => answer(req, approve, forSession)); actions.append(x); return x; };
  b('Approve', 'approve', true, false); b('Reject', 'reject', false, false); b('Approve for this session', '', true, true);
  c.append(dl, actions); return c;
}
const HOLD_MS = 600;
function hold(cards) {
  for (const c of cards) for (const b of c.querySelectorAll('button')) { b.disabled = true; clearTimeout(b.holdTimer); b.holdTimer = setTimeout(() => { b.disabled = false; }, HOLD_MS); }
}
function render(state) {
  offset = state.now - Date.now(); pending = state.pending;
  const list = document.getElementById('pending');
  // Cards are kept by request id, not rebuilt: a card never turns into another request under the pointer.
  const shown = new Map([...list.querySelectorAll('.card')].map((c) => [c.dataset.requestId, c]));
  const ids = new Set(pending.map((r) => r.requestId));
  let shifted = false;
  for (const [id, c] of shown) if (!ids.has(id)) { if (c.nextElementSibling) shifted = true; c.remove(); }
  list.querySelector('.empty')?.remove();
  if (pending.length === 0) list.append(el('p', 'Nothing is waiting for approval.', 'empty'));
  const fresh = [];
  for (const req of pending) if (!shown.has(req.requestId)) { const c = card(req); list.append(c); fresh.push(c); }
  // SECURITY: a card that vanished above (timeout, session gone) moves the others up; a click already on
  // its way would land on another request's button. Hold every button briefly, and new ones too.
  hold(shifted ? [...list.querySelectorAll('.card')] : fresh);
  // Focus lands on the card, not on Approve: a stray Enter must never approve a request just shown.
  const focus = list.querySelector('.card'); if (focus && document.activeElement === document.body) focus.focus();
  const hist = document.getElementById('history'); hist.replaceChildren();
  for (const h of state.history) hist.append(el('li', new Date(h.decidedAt).toLocaleTimeString() + ' ' + (h.approved ? 'APPROVED' : 'REJECTED') + ' by ' + h.by + ' (' + h.reason + '): ' + h.command));
  document.title = (pending.length ? '(' + pending.length + ') ' : '') + 'argent approvals';
}
setInterval(() => { for (const c of document.querySelectorAll('.countdown')) c.textContent = left({ expiresAt: Number(c.dataset.expires) }); }, 250);
const events = new EventSource('/api/events?token=' + encodeURIComponent(token));
events.addEventListener('state', (e) => { document.getElementById('status').textContent = ''; render(JSON.parse(e.data)); });
events.onerror = () => { document.getElementById('status').textContent = 'Disconnected from argent-run; retrying...'; };
`;

/** The page, with a per-response nonce for its inline script and style (CSP allows nothing else). */
export function renderPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>argent approvals</title><style nonce="${nonce}">${CSS}</style></head>
<body><h1>argent-run: approvals</h1>
<p><label>Your name (recorded with each answer): <input id="name" autocomplete="name" maxlength="60"></label></p>
<p id="status" class="error" role="status" aria-live="polite"></p>
<main id="pending" aria-live="polite"><p class="empty">Connecting...</p></main>
<h2>Recent decisions</h2><ol id="history"></ol>
<script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}
