// The live editor on /documents/{id}/live, loaded on that page only.
//
// Without this script the page is an ordinary form (a textarea that saves a version, merged
// with everyone else's words), so nobody needs JavaScript to take part. With it, the textarea
// is replaced by CodeMirror bound to the document's shared Yjs text over the server's websocket:
// everyone's words appear as they type. The list of who is writing is plain text; changes by
// others are read out politely, only if the person asks for that.

import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { EditorView, keymap, drawSelection } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap } from '@codemirror/commands';

// Colours for other people's cursors and name labels: white text on each, and each on white,
// reads at 4.5:1 or more.
const COLOURS = ['#1d70b8', '#00703c', '#912b88', '#b1250b', '#4c2c92', '#005a30', '#003078', '#6f3c00'];
const ANNOUNCE_KEY = 'coboard-live-announce';

const root = document.querySelector('[data-live-editor]');
if (root) start(root);

function start(root) {
  const docId = root.dataset.document;
  const status = root.querySelector('[data-live-status]');
  const people = root.querySelector('[data-live-people]');
  const announcer = root.querySelector('[data-live-announcer]');
  const announce = root.querySelector('[data-live-announce]');
  const mount = root.querySelector('[data-live-mount]');
  const fallback = root.querySelector('[data-live-fallback]');
  const saveForm = root.querySelector('[data-live-save]');
  const saved = root.querySelector('[data-live-saved]');

  const ydoc = new Y.Doc();
  const ytext = ydoc.getText('content');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${location.host}/documents/${docId}/live`, 'socket', ydoc, {
    // Never talk to other tabs directly: everything goes through the server, which checks who may write.
    disableBc: true,
    maxBackoffTime: 10000,
  });
  const colour = COLOURS[ydoc.clientID % COLOURS.length];
  // The server puts the signed-in person's own name here; the colour is ours to choose.
  provider.awareness.setLocalStateField('user', { name: 'You', color: colour, colorLight: colour + '33' });

  announce.checked = localStorage.getItem(ANNOUNCE_KEY) === 'yes';
  announce.addEventListener('change', () => localStorage.setItem(ANNOUNCE_KEY, announce.checked ? 'yes' : 'no'));

  const say = (text) => {
    status.textContent = text;
  };
  say('Connecting to the live writing…');

  let view = null;
  provider.on('status', ({ status: s }) => {
    if (s === 'connected') say('Connected: everyone on this page sees your changes as you type. A version is saved when you all pause, and when the last person leaves.');
    if (s === 'disconnected' && view) say('Not connected just now. Keep writing: your changes stay on this page and are sent when the connection is back.');
  });
  provider.on('connection-close', (event) => {
    if (event && event.reason) say(`The live writing stopped: ${event.reason}`);
  });

  provider.on('sync', (isSynced) => {
    if (!isSynced || view) return;
    const undoManager = new Y.UndoManager(ytext);
    view = new EditorView({
      state: EditorState.create({
        doc: ytext.toString(),
        extensions: [
          // No Tab binding: Tab and Shift+Tab always move to the next and previous control.
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          drawSelection(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'The text, written live with everyone on this page', 'aria-describedby': 'live-help' }),
          yCollab(ytext, provider.awareness, { undoManager }),
        ],
      }),
      parent: mount,
    });
    fallback.hidden = true;
    saveForm.hidden = false;
    mount.hidden = false;
  });

  // Who is writing, as text (not only as coloured cursors).
  const showPeople = () => {
    const names = [];
    provider.awareness.getStates().forEach((state, clientID) => {
      if (clientID === ydoc.clientID || !state.user) return;
      names.push(state.user.name);
    });
    const unique = [...new Set(names)].sort();
    people.replaceChildren(
      ...['You', ...unique].map((name) => {
        const li = document.createElement('li');
        li.textContent = name;
        return li;
      }),
    );
    return unique;
  };
  let before = showPeople();
  provider.awareness.on('change', () => {
    const now = showPeople();
    if (!announce.checked) {
      before = now;
      return;
    }
    for (const name of now) if (!before.includes(name)) queue(`${name} joined.`);
    for (const name of before) if (!now.includes(name)) queue(`${name} left.`);
    before = now;
  });

  // Others' changes, read out at most every few seconds, and only when asked for.
  const pending = new Map();
  let timer = null;
  function queue(line) {
    pending.set(line, (pending.get(line) || 0) + 1);
    if (!timer) timer = setTimeout(flush, 4000);
  }
  function flush() {
    timer = null;
    announcer.textContent = [...pending.keys()].join(' ');
    pending.clear();
  }
  ytext.observe((event) => {
    if (event.transaction.local || !announce.checked) return;
    // Whoever wrote new words moved their clock forward in this transaction; a change that only
    // removes words moves no clock, so it is told as someone's.
    const states = provider.awareness.getStates();
    const { beforeState, afterState } = event.transaction;
    const authors = [...afterState].filter(([client, clock]) => clock > (beforeState.get(client) || 0)).map(([client]) => client);
    if (authors.length === 0) queue('Someone changed the text.');
    for (const client of authors) {
      const state = states.get(client);
      queue(`${state && state.user ? state.user.name : 'Someone'} changed the text.`);
    }
  });

  // "Save a version now" without leaving the page.
  saveForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    saved.textContent = 'Saving…';
    try {
      const response = await fetch(saveForm.action, { method: 'POST', credentials: 'same-origin', redirect: 'follow' });
      const number = new URL(response.url).searchParams.get('saved');
      saved.textContent = number && number !== 'none'
        ? `Saved as version ${number}.`
        : 'Nothing new to save: the newest version already has these words.';
    } catch (e) {
      saved.textContent = 'We could not save a version just now. Your words are still here and kept: please try again in a moment.';
    }
  });
}
