/* Times in the reader's own format and time zone. The server writes every time in UTC and says so
   (<time datetime="...Z" data-local>, a note with data-zone-note); where the browser tells its time
   zone (Intl, ECMA-402), each such time is rewritten in the page's language and that zone, the UTC
   value kept as the title, and the note says which zone it is. Without script, UTC stays. Parts of
   a console page that an ajax answer replaced are rewritten again. */
(function () {
  'use strict';
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) { return; }
  var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
                                       {dateStyle: 'medium', timeStyle: 'short', timeZone: zone});
  var local = function () {
    document.querySelectorAll('time[datetime][data-local]:not([data-localised])').forEach(function (t) {
      var at = new Date(t.getAttribute('datetime'));
      if (isNaN(at.getTime())) { return; }
      t.title = t.textContent.trim();
      t.textContent = format.format(at);
      t.setAttribute('data-localised', '');
    });
    document.querySelectorAll('[data-zone-note]').forEach(function (n) {
      n.textContent = n.getAttribute('data-zone-note').replace('{0}', zone);
    });
  };
  local();
  if (window.jQuery) {
    window.jQuery(document).on('pfAjaxComplete', local);
  }
  var ajax = (window.faces && window.faces.ajax) || (window.jsf && window.jsf.ajax);
  if (ajax) {
    ajax.addOnEvent(function (data) { if (data.status === 'success') { local(); } });
  }
})();
