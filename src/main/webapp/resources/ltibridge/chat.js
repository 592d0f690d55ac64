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
  var conversationId = null;

  function add(role, text) {
    var li = document.createElement('li');
    li.className = 'msg ' + role;
    li.textContent = text;
    messages.appendChild(li);
    li.scrollIntoView({block: 'end'});
    return li;
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
    var refused = await LtiBridgeSse.post(
      base + '/lamb/v1/lti/chat/messages', {'Authorization': 'Bearer ' + token},
      {assistantId: Number(select.value), conversationId: conversationId, content: text},
      function (name, data) {
        if (name === 'conversation') {
          if (conversationId === null) { listConversation(data.id, select.value, text); }
          conversationId = data.id;
        }
        else if (name === 'delta') { reply.textContent += data.text; }
        else if (name === 'done') { reply.className = 'msg assistant'; }
        else if (name === 'notice') { reply.className = 'msg notice'; reply.textContent = data.text; }
      });
    if (refused !== null) {
      reply.className = 'msg notice';
      reply.textContent = refused;
    }
  }

  // With no published assistant left the page has no composer: past conversations stay readable.
  if (form) {
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    send(text).catch(function () { add('notice', 'The message could not be sent. Check your connection.'); });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
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
      (await res.json()).forEach(function (m) { add(m.role, m.content); });
    });
  }
  document.querySelectorAll('button.conversation').forEach(openOnClick);
  showModelStatus();
})();
