/* Dashboard: pages through students and chats, filters chats, downloads exports and opens a
   pseudonymised transcript, all through the JSON API with the dashboard token in the
   Authorization header (never in a URL: the page's own URL used it once already). */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) { return; }
  var base = (root.dataset.base || '') + '/lamb/v1/lti/dashboard/';

  function api(path) {
    return fetch(base + path, {headers: {'Authorization': 'Bearer ' + root.dataset.token,
                                         'Accept': 'application/json'}});
  }

  async function message(res) {
    try { return (await res.json()).message || res.statusText; } catch (e) { return res.statusText; }
  }

  function number(n) { return Number(n).toLocaleString('en'); }

  /* "Students 51–100 of 2,000", as Dashboard.Slice#summary writes it on the server. */
  function summary(noun, s) {
    if (s.total === 0) { return 'No ' + noun.toLowerCase(); }
    if (s.items.length === 0) { return noun + ': none on page ' + number(s.page) + ' of ' + number(s.pages); }
    var first = (s.page - 1) * s.perPage + 1;
    return noun + ' ' + number(first) + '\u2013' + number(first + s.items.length - 1) + ' of ' + number(s.total);
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
      noun: 'Students',
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
      noun: 'Chats',
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
        b.textContent = c.title || 'Untitled chat';
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
    document.getElementById(name + '-status').textContent = summary(list.noun, slice);
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
      status.textContent = 'Downloaded ' + name + '.';
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
      h.textContent = res.ok ? student + ' with ' + body.assistant : body.message;
      view.appendChild(h);
      (body.messages || []).forEach(function (m) {
        var p = document.createElement('p');
        var who = document.createElement('strong');
        who.textContent = m.role + ': ';
        p.appendChild(who);
        p.appendChild(document.createTextNode(m.content));
        view.appendChild(p);
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
      if (!window.confirm('Hand this activity over to ' + email + '? Only they can then manage it.')) {
        return;
      }
      var res = await fetch(base + 'owner',
                            {method: 'POST',
                             headers: {'Authorization': 'Bearer ' + root.dataset.token,
                                       'Content-Type': 'application/json',
                                       'Accept': 'application/json'},
                             body: JSON.stringify({email: email})});
      var body = await res.json();
      if (res.ok) {
        out.textContent = 'The activity now belongs to ' + body.ownerName + '.';
        window.location.assign((root.dataset.base || '') + body.dashboard);
      } else {
        out.textContent = body.message;
      }
    });
  }
})();
