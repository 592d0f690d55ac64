/* Built-in chat. The chat token came with this page (never again in a URL); it is sent as a
   Bearer token. Replies arrive as Server-Sent Events over a fetch() stream and are shown as they
   come. No cookies are needed, so this works in an LMS iframe with third-party cookies blocked. */
(function () {
  'use strict';
  var root = document.getElementById('chat');
  if (!root) { return; }
  var token = root.dataset.token;
  var base = root.dataset.base || '';
  var messages = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('message');
  var select = document.getElementById('assistant');
  var status = document.getElementById('model-status');
  var sendButton = document.getElementById('send');
  var stopButton = document.getElementById('stop');
  var announce = document.getElementById('announce');
  var replyStatus = document.getElementById('reply-status');
  var words = JSON.parse(root.dataset.strings || '{}');
  /** A word of the page's language (ChatPageHtml); {0} replaced by {@code arg}. */
  function say(key, arg) { return (words[key] || key).replace('{0}', arg); }
  var conversationId = null;
  var streaming = null; // the AbortController of the reply being written, if any

  function add(role, text) {
    var li = document.createElement('li');
    li.className = 'msg ' + role;
    if (role.indexOf('assistant') === 0) {
      // A model's reply is Markdown, shown rendered and sanitised (render.js).
      var md = document.createElement('div');
      md.className = 'md';
      li.appendChild(md);
      li.source = text;
      LtiBridgeRender.into(md, text, role === 'assistant');
    } else {
      li.textContent = text;
    }
    messages.appendChild(li);
    li.scrollIntoView({block: 'end'});
    return li;
  }

  /** The reply's Markdown so far, shown; at most every 100 ms while it streams, then once whole. */
  function show(li, text, complete) {
    li.source = text;
    var md = li.querySelector('.md');
    if (complete) {
      clearTimeout(li.pendingRender);
      li.pendingRender = null;
      LtiBridgeRender.into(md, text, true);
    } else if (!li.pendingRender) {
      li.pendingRender = setTimeout(function () {
        li.pendingRender = null;
        LtiBridgeRender.into(md, li.source, false);
      }, 100);
    }
  }

  /** A whole answer can be copied as the model wrote it (its Markdown). */
  function offerCopy(li) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    b.textContent = say('copy');
    b.setAttribute('aria-label', say('copyLabel'));
    b.addEventListener('click', function () {
      if (!navigator.clipboard) { announce.textContent = say('noCopy'); return; }
      navigator.clipboard.writeText(li.source || '').then(
        function () { announce.textContent = say('copied'); },
        function () { announce.textContent = say('noCopy'); });
    });
    li.appendChild(b);
  }

  /** A reply that stopped part-way keeps its text and says so. */
  function markIncomplete(li, why) {
    li.className = 'msg assistant partial';
    var note = document.createElement('span');
    note.className = 'partial-note';
    note.textContent = ' ' + why;
    li.appendChild(note);
  }

  function showReplyStatus(text) {
    replyStatus.hidden = !text;
    replyStatus.textContent = text || '';
  }

  /** While a reply streams, Send waits and Stop is offered. */
  function busy(controller) {
    streaming = controller;
    if (sendButton) { sendButton.disabled = !!controller; }
    if (stopButton) { stopButton.hidden = !controller; }
    if (!controller) { showReplyStatus(''); }
  }

  function showModelStatus() {
    if (!select) { return; }
    var opt = select.options[select.selectedIndex];
    var answering = opt && opt.dataset.answering === 'true';
    status.hidden = answering;
    status.textContent = answering ? '' : root.dataset.noModel;
  }

  async function send(text) {
    add('user', text);
    var reply = add('assistant pending', '');
    var written = '';
    var controller = new AbortController();
    busy(controller);
    var refused;
    try {
      refused = await LtiBridgeSse.post(
        base + '/lamb/v1/lti/chat/messages', {'Authorization': 'Bearer ' + token},
        {assistantId: Number(select.value), conversationId: conversationId, content: text},
        function (name, data) {
          if (name === 'conversation') {
            if (conversationId === null) { listConversation(data.id, select.value, text); }
            conversationId = data.id;
          }
          else if (name === 'waiting') {
            showReplyStatus(say('busy', data.place));
          }
          else if (name === 'delta') { showReplyStatus(''); written += data.text; show(reply, written, false); }
          else if (name === 'done') {
            show(reply, data.text, true);
            reply.className = 'msg assistant';
            offerCopy(reply);
            announce.textContent = data.text;
          }
          else if (name === 'notice') {
            if (data.partial) {
              show(reply, data.partial, true);
              markIncomplete(reply, say('incomplete'));
              add('notice', data.text);
            } else {
              reply.className = 'msg notice';
              reply.textContent = data.text;
            }
            announce.textContent = data.text;
          }
        }, controller.signal);
    } catch (e) {
      if (e.name !== 'AbortError') { throw e; }
      // Stopped by the student: what had arrived stays, marked (the server keeps it too).
      if (written) { show(reply, written, true); markIncomplete(reply, say('stopped')); } else { reply.remove(); }
      announce.textContent = say('replyStopped');
      refused = null;
    } finally {
      busy(null);
    }
    if (refused !== null) {
      reply.className = 'msg notice';
      reply.textContent = refused;
      announce.textContent = refused;
    }
  }

  // With no published assistant left the page has no composer: past conversations stay readable.
  if (form) {
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || streaming) { return; }
    input.value = '';
    send(text).catch(function () { add('notice', say('notSent')); });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  stopButton.addEventListener('click', function () {
    if (streaming) { streaming.abort(); }
    input.focus();
  });
  document.getElementById('new-chat').addEventListener('click', function () {
    conversationId = null; messages.innerHTML = ''; input.focus();
  });
  select.addEventListener('change', function () { conversationId = null; messages.innerHTML = ''; showModelStatus(); });
  }
  function listConversation(id, assistantId, firstMessage) {
    var li = document.createElement('li');
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'link conversation';
    b.dataset.id = id;
    b.dataset.assistant = assistantId;
    b.textContent = select.options[select.selectedIndex].text + ': ' + firstMessage.slice(0, 60);
    li.appendChild(b);
    var list = document.getElementById('conversations');
    list.insertBefore(li, list.firstChild);
    openOnClick(b);
  }

  function openOnClick(b) {
    b.addEventListener('click', async function () {
      var res = await fetch(base + '/lamb/v1/lti/chat/conversations/' + b.dataset.id,
                            {headers: {'Authorization': 'Bearer ' + token}});
      if (!res.ok) { return; }
      conversationId = Number(b.dataset.id);
      if (select) { select.value = b.dataset.assistant; }
      messages.innerHTML = '';
      (await res.json()).forEach(function (m) {
        var li = add(m.role, m.content);
        if (m.status === 'PARTIAL') { markIncomplete(li, say('incomplete')); }
        else if (m.role === 'assistant' && m.status === 'COMPLETE') { offerCopy(li); }
      });
    });
  }
  document.querySelectorAll('button.conversation').forEach(openOnClick);
  showModelStatus();
})();
