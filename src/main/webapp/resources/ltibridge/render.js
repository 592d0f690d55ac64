/* A model's reply as a page shows it: Markdown (CommonMark with GitHub's tables, by marked) turned
   into HTML, which DOMPurify then cleans (OWASP's recommended HTML sanitiser): no script, no event
   attribute, no style, no image or frame that would load anything, and only http(s), mailto and
   in-page links, which open in a new tab without telling the other site where they came from.
   Code blocks are coloured by highlight.js after the reply is complete. Without these libraries
   the reply stays plain text. */
(function () {
  'use strict';
  var SAFE_URL = /^(?:https?:|mailto:|#)/i;
  var FORBID_TAGS = ['img', 'picture', 'video', 'audio', 'source', 'track', 'iframe', 'frame',
                     'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form',
                     'input', 'button', 'textarea', 'select', 'option', 'dialog', 'template'];
  var ready = !!(window.marked && window.DOMPurify && DOMPurify.isSupported);
  if (ready) {
    DOMPurify.addHook('afterSanitizeAttributes', function (node) {
      ['href', 'src', 'xlink:href', 'action', 'formaction', 'cite', 'poster'].forEach(function (a) {
        if (node.hasAttribute && node.hasAttribute(a) && !SAFE_URL.test(node.getAttribute(a).trim())) {
          node.removeAttribute(a);
        }
      });
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  if (window.hljs) { hljs.configure({ignoreUnescapedHTML: true}); }

  /** The sanitised HTML of {@code markdown}, or null when the libraries are missing. */
  function html(markdown) {
    if (!ready) { return null; }
    var raw = marked.parse(markdown || '', {gfm: true, async: false}).trim();
    return DOMPurify.sanitize(raw, {FORBID_TAGS: FORBID_TAGS, FORBID_ATTR: ['style', 'srcset'],
                                    ALLOW_DATA_ATTR: false});
  }

  /** Shows {@code markdown} in {@code el}; {@code complete}: the reply is whole, colour its code. */
  function into(el, markdown, complete) {
    var h = html(markdown);
    if (h === null) { el.textContent = markdown; return; }
    el.innerHTML = h;
    if (complete && window.hljs) {
      el.querySelectorAll('pre code').forEach(function (c) { hljs.highlightElement(c); });
    }
  }

  window.LtiBridgeRender = {html: html, into: into};
})();
