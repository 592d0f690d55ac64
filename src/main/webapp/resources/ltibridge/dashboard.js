/* Dashboard: opens a pseudonymised transcript through the JSON API, with the dashboard token in
   the Authorization header (never in a URL). */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) { return; }
  var view = document.getElementById('transcript');
  document.querySelectorAll('button.transcript').forEach(function (b) {
    b.addEventListener('click', async function () {
      var res = await fetch((root.dataset.base || '') + '/lamb/v1/lti/dashboard/chats/' + b.dataset.chat,
                            {headers: {'Authorization': 'Bearer ' + root.dataset.token,
                                       'Accept': 'application/json'}});
      var body = await res.json();
      view.innerHTML = '';
      var h = document.createElement('h3');
      h.textContent = res.ok ? body.pseudonym + ' with ' + body.assistant : body.message;
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
  });
})();
