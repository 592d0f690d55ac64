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
      var res = await fetch((root.dataset.base || '') + '/lamb/v1/lti/dashboard/owner',
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
