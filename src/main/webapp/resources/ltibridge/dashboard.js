/* Dashboard: pages through students and chats, filters chats, downloads exports and opens a
   pseudonymised transcript, all through the JSON API with the dashboard token in the
   Authorization header (never in a URL: the page's own URL used it once already). The words it
   shows come with the page (the data-s-* attributes of #dashboard), in the page's language, which
   its requests carry (lang) so that refusals come back in it too. A transcript's replies are
   rendered from Markdown by render.js, as in the chat; the students' messages stay plain text. */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) { return; }
  var base = (root.dataset.base || '') + '/lamb/v1/lti/dashboard/';
  var lang = root.dataset.lang || document.documentElement.lang || 'en';

  /* The page's words: data-s-students-range is words('studentsRange'). */
  function words(name) { return root.dataset['s' + name.charAt(0).toUpperCase() + name.slice(1)] || ''; }

  /* A pattern's {0}, {1}... filled in (MessageFormat's, as on the server). */
  function fill(pattern) {
    var args = arguments;
    return pattern.replace(/\{(\d+)\}/g, function (all, i) {
      var v = args[Number(i) + 1];
      return v === undefined ? all : String(v);
    });
  }

  /* A path with the page's language (after any query it has). */
  function inLanguage(path) { return path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + encodeURIComponent(lang); }

  function api(path) {
    return fetch(base + inLanguage(path), {headers: {'Authorization': 'Bearer ' + root.dataset.token,
                                                     'Accept': 'application/json'}});
  }

  async function message(res) {
    try { return (await res.json()).message || res.statusText; } catch (e) { return res.statusText; }
  }

  function number(n) { return Number(n).toLocaleString(lang); }

  /* "Students 51–100 of 2,000", as Dashboard.Slice#summary writes it on the server. */
  function summary(list, s) {
    if (s.total === 0) { return words(list + 'None'); }
    if (s.items.length === 0) { return fill(words(list + 'EmptyPage'), number(s.page), number(s.pages)); }
    var first = (s.page - 1) * s.perPage + 1;
    return fill(words(list + 'Range'), number(first), number(first + s.items.length - 1), number(s.total));
  }

  /* "2026-12-03T09:15:02" (UTC) as the server writes it: day and time. */
  function when(t) { return t ? String(t).replace('T', ' ').replace(/\.\d+$/, '') : ''; }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  var lists = {
    students: {
      query: function () { return ''; },
      row: function (s) {
        var tr = document.createElement('tr');
        cell(tr, s.name ? s.pseudonym + ' (' + s.name + ')' : s.pseudonym);
        cell(tr, when(s.firstAccess).slice(0, 10));
        cell(tr, when(s.lastAccess));
        cell(tr, s.accessCount);
        cell(tr, s.chats);
        cell(tr, s.messages);
        return tr;
      }
    },
    chats: {
      filter: '',
      query: function () { return this.filter; },
      row: function (c) {
        var tr = document.createElement('tr');
        cell(tr, c.name ? c.pseudonym + ' (' + c.name + ')' : c.pseudonym);
        cell(tr, c.assistant);
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'link transcript';
        b.dataset.chat = c.id;
        b.textContent = c.title || words('untitled');
        cell(tr, '').appendChild(b);
        cell(tr, c.messages);
        cell(tr, when(c.updatedAt));
        return tr;
      }
    }
  };

  /* Loads a page of a list and replaces its rows; answers whether it worked. */
  async function load(name, page, perPage) {
    var list = lists[name];
    var pager = document.querySelector('.pager[data-list="' + name + '"]');
    var res = await api(name + '?page=' + page + '&per_page=' + perPage + list.query());
    var error = document.getElementById(name + '-error');
    if (!res.ok) {
      var text = await message(res);
      if (error) { error.textContent = text; } else { document.getElementById(name + '-status').textContent = text; }
      return false;
    }
    if (error) { error.textContent = ''; }
    var slice = await res.json();
    var body = document.getElementById(name + '-rows');
    body.replaceChildren.apply(body, slice.items.map(list.row));
    pager.dataset.page = slice.page;
    pager.dataset.perPage = slice.perPage;
    pager.dataset.pages = slice.pages;
    pager.querySelector('.prev').disabled = slice.page <= 1;
    pager.querySelector('.next').disabled = slice.page >= slice.pages;
    document.getElementById(name + '-status').textContent = summary(name, slice);
    return true;
  }

  document.querySelectorAll('.pager').forEach(function (pager) {
    var name = pager.dataset.list;
    var size = pager.querySelector('.size');
    size.value = pager.dataset.perPage;
    async function go(page, button) {
      await load(name, page, size.value);
      /* A button that was just disabled (first or last page) would drop the keyboard focus. */
      if (button && button.disabled) {
        var other = button.classList.contains('next') ? pager.querySelector('.prev') : pager.querySelector('.next');
        (other.disabled ? size : other).focus();
      }
    }
    pager.querySelector('.prev').addEventListener('click', function (e) {
      go(Number(pager.dataset.page) - 1, e.currentTarget);
    });
    pager.querySelector('.next').addEventListener('click', function (e) {
      go(Number(pager.dataset.page) + 1, e.currentTarget);
    });
    size.addEventListener('change', function () { go(1, null); });
  });

  var filter = document.getElementById('chat-filter');
  if (filter) {
    filter.addEventListener('submit', async function (e) {
      e.preventDefault();
      var q = '';
      ['assistant', 'from', 'to'].forEach(function (k) {
        var v = filter.elements[k].value;
        if (v) { q += '&' + k + '=' + encodeURIComponent(v); }
      });
      var before = lists.chats.filter;
      lists.chats.filter = q;
      if (!await load('chats', 1, document.getElementById('chats-size').value)) {
        lists.chats.filter = before;
      }
    });
  }

  /* Downloads: fetched with the header, then saved from a Blob under the server's file name. */
  var status = document.getElementById('download-status');
  document.querySelectorAll('button.download').forEach(function (b) {
    b.addEventListener('click', async function () {
      var query = b.dataset.export === 'transcripts' ? lists.chats.filter : '';
      var res = await api('exports/' + b.dataset.export + '?format=' + b.dataset.format + query);
      if (!res.ok) { status.textContent = await message(res); return; }
      var name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1]
                 || b.dataset.export + '.' + b.dataset.format;
      var url = URL.createObjectURL(await res.blob());
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = fill(words('downloaded'), name);
    });
  });

  var view = document.getElementById('transcript');
  var chats = document.getElementById('chats');
  if (chats) {
    chats.addEventListener('click', async function (e) {
      var b = e.target.closest('button.transcript');
      if (!b) { return; }
      var res = await api('chats/' + b.dataset.chat);
      var body = await res.json();
      view.innerHTML = '';
      var h = document.createElement('h3');
      var student = body.name ? body.pseudonym + ' (' + body.name + ')' : body.pseudonym;
      h.textContent = res.ok ? fill(words('transcript'), student, body.assistant) : body.message;
      view.appendChild(h);
      (body.messages || []).forEach(function (m) {
        var line = document.createElement('div');
        line.className = 'line ' + (m.fromAssistant ? 'assistant' : 'user');
        var who = document.createElement('p');
        who.className = 'who';
        var name = document.createElement('strong');
        name.textContent = m.role + ':';
        who.appendChild(name);
        line.appendChild(who);
        var content = document.createElement('div');
        if (m.fromAssistant && window.LtiBridgeRender) {
          /* Untrusted Markdown: rendered and sanitised by render.js, never as our own HTML. */
          content.className = 'md';
          LtiBridgeRender.render(content, m.content);
        } else {
          content.className = 'text';
          content.textContent = m.content;
        }
        line.appendChild(content);
        view.appendChild(line);
      });
      view.focus();
    });
  }

  /* Hand over ownership: POST the new owner's email; the answer names a fresh dashboard (this one's
     token was opened once already), which shows this instructor as no longer the owner. */
  var handover = document.getElementById('handover-form');
  if (handover) {
    handover.addEventListener('submit', async function (e) {
      e.preventDefault();
      var out = document.getElementById('handover-result');
      var email = document.getElementById('new-owner').value;
      if (!window.confirm(fill(words('confirmHandover'), email))) {
        return;
      }
      var res = await fetch(base + inLanguage('owner'),
                            {method: 'POST',
                             headers: {'Authorization': 'Bearer ' + root.dataset.token,
                                       'Content-Type': 'application/json',
                                       'Accept': 'application/json'},
                             body: JSON.stringify({email: email})});
      var body = await res.json();
      if (res.ok) {
        out.textContent = fill(words('handedOver'), body.ownerName);
        window.location.assign((root.dataset.base || '') + inLanguage(body.dashboard));
      } else {
        out.textContent = body.message;
      }
    });
  }
})();
