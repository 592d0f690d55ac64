// Copy buttons of the admin console: <button data-copy="element-id"> copies that element's text.
// Delegated from the document, so buttons that ajax updates render work too. The result is
// announced in the live region #copy-status for screen-reader users, in the page's language (the
// texts are data attributes of <main>, written from the console's bundle).
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  var texts = document.getElementById('main').dataset;
  var source = document.getElementById(button.getAttribute('data-copy'));
  var status = document.getElementById('copy-status');
  var say = function (text) {
    if (status) {
      status.textContent = text;
    }
  };
  if (!source || !navigator.clipboard) {
    say(texts.copyUnavailable);
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(
    function () { say(texts.copied); button.textContent = texts.copyDone; },
    function () { say(texts.copyFailed); });
});

// After a full-page action, focus goes where the answer is: to an error of the page's messages
// (#pageMessages, role="alert") first, else to a result the user just asked for (data-focus),
// so that keyboard and screen-reader users meet it without searching the page.
(function () {
  var focusAnswer = function () {
    var error = document.querySelector('#pageMessages .ui-messages-error, #pageMessages .ui-messages-fatal');
    var target = error || document.querySelector('[data-focus]');
    if (!target) {
      return;
    }
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', focusAnswer);
  } else {
    focusAnswer();
  }
})();

// The language links of the bar open this very page in another language: the address bar has the
// query (an organisation, say) even after an ajax postback, which the server did not see.
document.addEventListener('click', function (event) {
  var link = event.target.closest('a.lang-link[data-lang]');
  if (!link) {
    return;
  }
  var url = new URL(window.location.href);
  url.searchParams.set('lang', link.getAttribute('data-lang'));
  link.href = url.pathname + url.search;
});
