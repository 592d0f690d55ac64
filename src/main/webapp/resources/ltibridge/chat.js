/* Built-in chat. The chat token came with this page (never again in a URL); it is sent as a
   Bearer token. Replies arrive as Server-Sent Events over a fetch() stream and are shown as they
   come, Markdown rendered by render.js. No cookies are needed, so this works in an LMS iframe with
   third-party cookies blocked. The words it shows come with the page (#chat-strings), in the
   page's language. */
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
  var copyStatus = document.getElementById('copy-status');
  var strings = JSON.parse(document.getElementById('chat-strings').textContent);
  var conversationId = null;
  var streaming = null; // the AbortController of the reply being written, if any
  var RENDER_EVERY_MS = 150; // a growing reply is rendered again at most this often

  function add(role, text) {
    var li = document.createElement('li');
    li.className = 'msg ' + role;
    li.textContent = text;
    messages.appendChild(li);
    li.scrollIntoView({block: 'end'});
    return li;
  }

  /** An assistant's answer: its Markdown rendered into the item, the source kept for Copy. */
  function answer(li) {
    li.textContent = '';
    var body = document.createElement('div');
    body.className = 'md';
    li.appendChild(body);
    var renderer = LtiBridgeRender.throttled(body, RENDER_EVERY_MS);
    var source = '';
    return {
      li: li,
      source: function () { return source; },
      grow: function (piece) {
        source += piece;
        renderer.update(source);
      },
      /** Renders the whole text now, and offers Copy. */
      finish: function (text) {
        source = text;
        renderer.done(text);
        copyButton(li, function () { return source; });
      },
      /** What a screen reader is told: the text, blocks apart, a formula as its TeX source. */
      spoken: function () {
        var copy = body.cloneNode(true);
        copy.querySelectorAll('.katex').forEach(function (k) {
          var tex = k.querySelector('annotation');
          k.replaceWith(tex ? tex.textContent : '');
        });
        copy.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, th, td, pre, blockquote')
          .forEach(function (block) { block.appendChild(document.createTextNode(' ')); });
        return copy.textContent.replace(/\s+/g, ' ').trim();
      }
    };
  }

  /**
   * The Copy button of an answer copies its Markdown source. Its label is drawn by app.css from
   * data-label, so that the answer's text (selected, read out or copied by hand) is the answer's
   * alone; aria-label names it for assistive technology (WCAG 2.5.3: the name starts with the
   * visible label). The result is said in a status region (WCAG 4.1.3).
   */
  function copyButton(li, source) {
    if (li.querySelector('button.copy')) { return; }
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    b.dataset.label = strings.copy;
    b.setAttribute('aria-label', strings.copyAnswer);
    b.addEventListener('click', function () {
      copyText(source()).then(function () {
        b.dataset.label = strings.copied;
        copyStatus.textContent = strings.copied;
        setTimeout(function () { b.dataset.label = strings.copy; copyStatus.textContent = ''; }, 3000);
      }, function () {
        copyStatus.textContent = strings.copyFailed;
      });
    });
    li.appendChild(b);
  }

  /**
   * navigator.clipboard needs the LMS to delegate "clipboard-write" to its frame (W3C Clipboard API
   * and events, §7.1; Permissions Policy); where it did not, the selection of a hidden text area is
   * copied instead, which a click allows in any frame.
   */
  function copyText(text) {
    var viaApi = navigator.clipboard && navigator.clipboard.writeText
      ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no Clipboard API'));
    return viaApi.catch(function () {
      var active = document.activeElement;
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'copy-source';
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand('copy');
      area.remove();
      if (active) { active.focus(); }
      if (!copied) { throw new Error('not copied'); }
    });
  }

  /** A reply that stopped part-way keeps its text and says so. */
  function markIncomplete(li, why) {
    li.className = 'msg assistant partial';
    var note = document.createElement('span');
    note.className = 'partial-note';
    note.textContent = ' ' + why;
    li.insertBefore(note, li.querySelector('button.copy'));
  }

  /** 1st, 2nd, 3rd... in the page's language (Unicode CLDR ordinal plural rules). */
  function ordinal(n) {
    var rule = new Intl.PluralRules(document.documentElement.lang, {type: 'ordinal'}).select(n);
    var suffix = strings['ordinal.' + rule];
    return n + (suffix === undefined ? strings['ordinal.other'] : suffix);
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
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
    var written = answer(add('assistant pending', ''));
    var reply = written.li;
    var controller = new AbortController();
    busy(controller);
    var refused;
    try {
      refused = await LtiBridgeSse.post(
        // The page's language goes along: notices and refusals come back in it.
        base + '/lamb/v1/lti/chat/messages?lang=' + encodeURIComponent(document.documentElement.lang),
        {'Authorization': 'Bearer ' + token},
        {assistantId: Number(select.value), conversationId: conversationId, content: text},
        function (name, data) {
          if (name === 'conversation') {
            if (conversationId === null) { listConversation(data.id, select.value, text); }
            conversationId = data.id;
          }
          else if (name === 'waiting') {
            showReplyStatus(say(strings.waiting, {place: ordinal(data.place)}));
          }
          else if (name === 'delta') { showReplyStatus(''); written.grow(data.text); }
          else if (name === 'done') {
            written.finish(data.text);
            reply.className = 'msg assistant';
            announce.textContent = written.spoken();
          }
          else if (name === 'notice') {
            if (data.partial) {
              written.finish(data.partial);
              markIncomplete(reply, strings.incomplete);
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
      if (written.source()) {
        written.finish(written.source());
        markIncomplete(reply, strings.stopped);
      } else { reply.remove(); }
      announce.textContent = strings.replyStopped;
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
    send(text).catch(function () { add('notice', strings.notSent); });
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
        if (m.role === 'assistant') { answer(li).finish(m.content); }
        if (m.status === 'PARTIAL') { markIncomplete(li, strings.incomplete); }
      });
    });
  }
  document.querySelectorAll('button.conversation').forEach(openOnClick);
  showModelStatus();
})();
