// Wires the socket to the messaging models and views, and resynchronises after reconnects:
// refetch the conversation list and the open conversation, resend what was not acknowledged.

import { PresenceModel, StatusPicker, renderOnlineList } from './presence.js';
import { startRooms } from './rooms.js';
import { ConversationStore, ConversationListView } from './conversations.js';
import { UserSearch } from './search.js';
import { Outbox } from './outbox.js';
import { TypingModel } from './typing.js';
import { ChatView } from './chat.js';
import { CallController } from './call.js';

const $ = (id) => document.getElementById(id);
const HASH = /^#chat\/([^/]+)$/;

export function startMessenger({ socket, me }) {
  const stop = new AbortController();
  const on = (target, type, fn) => target.addEventListener(type, fn, { signal: stop.signal });

  const presence = new PresenceModel();
  const store = new ConversationStore(me);
  const outbox = new Outbox(socket);
  const typing = new TypingModel();
  const picker = new StatusPicker($('status-select'), socket);
  const shell = $('shell');
  let lastReading = null;

  const openConversation = (username, hint) => {
    rooms.hide();
    chat.open(username, hint);
    calls.setConversation(chat.user);
    shell.classList.add('conversation-open');
    $('no-conversation').hidden = true;
    history.replaceState(null, '', `#chat/${encodeURIComponent(username)}`);
    listView.render();
  };
  const closeConversation = () => {
    chat.close();
    calls.setConversation(null);
    shell.classList.remove('conversation-open');
    $('no-conversation').hidden = false;
    history.replaceState(null, '', location.pathname + location.search);
    listView.render();
  };

  const chat = new ChatView({
    dom: {
      root: $('conversation'), avatar: $('conv-avatar'), title: $('conv-title'), handle: $('conv-handle'),
      status: $('conv-status'), back: $('conv-back'), scroller: $('messages'), list: $('message-list'),
      historyLoading: $('history-loading'), historyStart: $('history-start'), empty: $('messages-empty'),
      loadError: $('messages-error'), loadErrorText: $('messages-error-text'), retryLoad: $('messages-retry'),
      jump: $('jump-to-latest'), typing: $('typing-indicator'), form: $('composer'), input: $('message-input'),
      counter: $('char-counter'), send: $('send-button'),
    },
    socket, me, store, outbox, presence, typing,
    onBack: closeConversation,
    onReadingChange: () => {
      const reading = chat.isReadingNow();
      if (reading !== lastReading) { lastReading = reading; listView?.render(); }
    },
  });

  const calls = new CallController({ socket, me, presence });

  const listView = new ConversationListView({
    store, presence, typing, me, list: $('conversation-list'), empty: $('conversations-empty'),
    loading: $('conversations-loading'), error: $('conversations-error'),
    activeUsername: () => chat.username, isReadingNow: () => chat.isReadingNow(), onOpen: openConversation,
  });

  renderOnlineList({
    model: presence, list: $('online-list'), empty: $('online-empty'), count: $('online-count'),
    onOpen: openConversation,
  });

  const search = new UserSearch({
    input: $('search-input'), clearButton: $('search-clear'), browseButton: $('browse-users'),
    panel: $('search-panel'), list: $('search-results'), empty: $('search-empty'), more: $('search-more'),
    error: $('search-error'), presence, me, onOpen: openConversation,
    onToggle: (open) => { $('lists').hidden = open; },
  });

  // Before the socket handlers below: it takes the errors that answer room requests.
  const rooms = startRooms({ socket, me, beforeShow: closeConversation });

  const handleStored = (message) => {
    store.onMessage(message);
    chat.onStored(message);
  };

  on(socket, 'welcome', () => presence.connected());
  on(socket, 'presence.snapshot', (e) => presence.applySnapshot(e.detail.users, e.detail.more));
  on(socket, 'presence', (e) => presence.apply(e.detail.user, e.detail.status));
  on(socket, 'chat.message', (e) => {
    const { message } = e.detail;
    if (message.from.username !== me.username) typing.stop(message.from.username);
    outbox.settle(message);
    handleStored(message);
  });
  on(socket, 'chat.ack', (e) => {
    const entry = outbox.find(e.detail);
    const message = entry && !e.detail.message.clientMessageId
      ? { ...e.detail.message, clientMessageId: entry.clientMessageId } : e.detail.message;
    handleStored(message);
    outbox.onAck(e.detail);
  });
  on(socket, 'chat.read', (e) => {
    store.onRead(e.detail);
    chat.onRead(e.detail);
  });
  on(socket, 'chat.typing', (e) => {
    if (e.detail.from?.username && e.detail.from.username !== me.username) typing.onTyping(e.detail.from);
  });
  on(socket, 'ack', (e) => chat.onReadReply(e.detail.id, true));
  on(socket, 'error', (e) => {
    if (outbox.onError(e.detail) || chat.onReadReply(e.detail.id, false) || calls.onError(e.detail)) return;
    toast(e.detail.message || e.detail.code);
  });
  on(socket, 'state', (e) => {
    const { state } = e.detail;
    $('reconnect-banner').hidden = state !== 'reconnecting';
    if (state === 'reconnecting') outbox.connectionLost();
    if (state === 'open') {
      // Whatever happened while the socket was down (or before it first opened) is fetched now.
      store.load();
      chat.resync();
      outbox.resendPending();
      picker.announce(true);
    }
  });
  on($('reconnect-now'), 'click', () => socket.reconnectNow());
  on(document, 'visibilitychange', () => chat.maybeMarkRead());
  on(window, 'focus', () => chat.maybeMarkRead());
  on(window, 'resize', () => chat.maybeMarkRead());

  const followHash = () => {
    const wanted = HASH.exec(location.hash);
    if (wanted && decodeURIComponent(wanted[1]) !== chat.username) openConversation(decodeURIComponent(wanted[1]));
  };
  on(window, 'hashchange', followHash);

  store.load();
  followHash();
  if (socket.isOpen) picker.announce(true);

  return {
    stop() {
      stop.abort();
      calls.destroy();
      chat.destroy();
      listView.destroy();
      search.destroy();
      rooms.stop();
      picker.destroy();
      presence.reset();
      store.reset();
      outbox.reset();
      typing.reset();
      shell.classList.remove('conversation-open');
      $('no-conversation').hidden = false;
      $('reconnect-banner').hidden = true;
      $('lists').hidden = false;
      history.replaceState(null, '', location.pathname + location.search);
    },
  };
}

let toastTimer;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
}
