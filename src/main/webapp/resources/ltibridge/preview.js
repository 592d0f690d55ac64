/* The creator's preview chat: the same streamed reply as students get (events "delta", then "done"
   or "notice"), from POST /api/v1/creator/assistants/{id}/preview. The conversation lives only in
   this page and is sent whole with each message; the server stores nothing. Inside the LMS iframe
   the creator's session comes from the page (data-session) as a Bearer token; on the console the
   session cookie is enough. Fragments are not announced one by one: the status line says when a
   reply is complete. A reply's Markdown is rendered as in the student's chat, by render.js
   (marked, sanitised by DOMPurify, formulas by KaTeX, code coloured by highlight.js); without it,
   as plain text. Its words come from the page, in the page's language (data- attributes of the
   section, rendered from the console's bundle in workspace.xhtml); its requests ask the same
   language (?lang=) for the notices the server writes. */
(function () {
  'use strict';
  var root = document.getElementById('preview');
  if (!root || !window.LtiBridgeSse) { return; }
  var list = document.getElementById('preview-messages');
  var form = document.getElementById('preview-composer');
  var input = document.getElementById('preview-message');
  var send = document.getElementById('preview-send');
  var status = document.getElementById('preview-status');
  var history = [];
  var words = root.dataset;
  function said(name, fallback) { return words[name] || fallback; }
  var headers = root.dataset.session ? {'Authorization': 'Bearer ' + root.dataset.session} : {};
  var url = (root.dataset.base || '') + '/api/v1/creator/assistants/' + root.dataset.assistant
      + '/preview?lang=' + encodeURIComponent(document.documentElement.lang || 'en');
  var RENDER_EVERY_MS = 150; // a growing reply is rendered again at most this often
  var rendering = window.LtiBridgeRender || {
    throttled: function (element) {
      var show = function (text) { element.textContent = text; };
      return {update: show, done: show};
    }
  };

  function add(role, text) {
    var li = document.createElement('li');
    li.className = 'msg ' + role;
    li.textContent = text;
    list.appendChild(li);
    li.scrollIntoView({block: 'nearest'});
    return li;
  }

  async function ask(text) {
    history.push({role: 'user', content: text});
    add('user', text);
    var reply = add('assistant pending', '');
    var body = document.createElement('div');
    body.className = 'md';
    reply.appendChild(body);
    var renderer = rendering.throttled(body, RENDER_EVERY_MS);
    var answered = '';
    status.textContent = said('answering', '');
    var refused = await LtiBridgeSse.post(url, headers, {messages: history}, function (name, data) {
      if (name === 'delta') { answered += data.text; renderer.update(answered); }
      else if (name === 'done') { renderer.done(answered); reply.className = 'msg assistant'; }
      else if (name === 'notice') {
        renderer.done('');
        reply.className = 'msg notice';
        reply.textContent = data.text;
        answered = '';
      }
    });
    if (refused !== null) {
      reply.className = 'msg notice';
      reply.textContent = refused;
      history.pop();
      status.textContent = said('notSent', '{0}').replace('{0}', function () { return refused; });
      return;
    }
    if (answered) {
      renderer.done(answered);
      history.push({role: 'assistant', content: answered});
      status.textContent = said('complete', '');
    } else {
      history.pop();
      status.textContent = reply.textContent;
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || send.disabled) { return; }
    input.value = '';
    send.disabled = true;
    ask(text).catch(function () {
      add('notice', said('failed', ''));
      history.pop();
    }).finally(function () { send.disabled = false; input.focus(); });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById('preview-reset').addEventListener('click', function () {
    history = [];
    list.innerHTML = '';
    status.textContent = said('cleared', '');
    input.focus();
  });
})();
