/* A model's reply, written in Markdown, shown as HTML: headings, lists, tables, links, code blocks
   with syntax highlighting, and formulas in LaTeX ($...$, $$...$$, \(...\), \[...\]).

   The reply is untrusted text (a model repeats what it is given), so the HTML is made by vetted
   libraries and sanitised before it reaches the page, never by escaping of our own:
   1. the formulas are cut out of the text first (Markdown would take their backslashes, _ and *),
      each leaving a placeholder word; code spans and fenced code keep their dollars;
   2. marked (https://marked.js.org) turns the Markdown into HTML (GitHub Flavored Markdown);
   3. DOMPurify (https://github.com/cure53/DOMPurify) sanitises it: no script, no event handler,
      no style or data-* attribute, no form control, no image, media or frame; an address keeps
      http(s), mailto and in-page (#...) only, and a link to another page opens in a new tab with
      rel="noopener noreferrer" (HTML Living Standard §4.6.6.13, "noopener"; §4.6.6.14,
      "noreferrer");
   4. KaTeX (https://katex.org) writes each formula, with throwOnError false (a wrong formula is
      shown as its source, in red) and trust false (no \href, \url, \includegraphics...), and its
      HTML and MathML are sanitised on their own, allowing the MathML, the SVG and the style
      attributes KaTeX needs, and nothing else;
   5. highlight.js (https://highlightjs.org) colours the code blocks from their text.
   The Markdown source is kept by the caller (the Copy button copies it). Should a library be
   missing, the reply is shown as plain text. */
(function () {
  'use strict';

  var ready = !!(window.marked && window.DOMPurify && DOMPurify.isSupported && window.katex
                 && window.hljs);
  if (!ready) {
    window.LtiBridgeRender = {
      render: function (element, markdown) { element.textContent = markdown || ''; },
      throttled: function (element) {
        var show = function (text) { element.textContent = text; };
        return {update: show, done: show};
      }
    };
    return;
  }
  var MARKDOWN = new marked.Marked({gfm: true, breaks: false, async: false});
  var SAFE_URL = /^(?:https?:|mailto:|#)/i;
  var URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'cite', 'poster'];

  // Step 3: what Markdown may produce, minus what a reply has no business showing.
  var TEXT_POLICY = {
    USE_PROFILES: {html: true},
    FORBID_TAGS: ['style', 'link', 'meta', 'base', 'template', 'dialog', 'form', 'input', 'button',
                  'select', 'option', 'textarea', 'img', 'picture', 'video', 'audio', 'source',
                  'track', 'iframe', 'frame', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'id', 'name', 'tabindex', 'srcset'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true
  };

  // Step 4: KaTeX's output (HTML with inline sizes, MathML for screen readers, SVG for \sqrt and
  // stretchy arrows); "semantics" and "annotation" hold the TeX source for assistive technology.
  var MATH_POLICY = {
    USE_PROFILES: {html: true, mathMl: true},
    ADD_TAGS: ['svg', 'path', 'line', 'semantics', 'annotation'],
    ADD_ATTR: ['viewBox', 'preserveAspectRatio', 'd', 'x1', 'x2', 'y1', 'y2', 'stroke-width',
               'encoding'],
    FORBID_TAGS: ['a', 'img', 'form', 'input', 'button', 'iframe'],
    FORBID_ATTR: ['href', 'xlink:href', 'id', 'tabindex'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true
  };

  DOMPurify.addHook('afterSanitizeAttributes', function (node) {
    if (!node.hasAttribute) { return; }
    URL_ATTRIBUTES.forEach(function (name) {
      if (node.hasAttribute(name) && !SAFE_URL.test(node.getAttribute(name).trim())) {
        node.removeAttribute(name);
      }
    });
    if (node.nodeName !== 'A') { return; }
    var href = node.getAttribute('href');
    if (href !== null && href.trim().charAt(0) !== '#') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('target');
    }
  });

  /*
   * Fenced code (``` or ~~~ to its closing fence, or to the end while a reply is still written),
   * code spans and an escaped dollar are kept as they are; then display formulas ($$...$$,
   * \[...\]) and inline ones (\(...\), and $...$ where the first $ is not followed and the last not
   * preceded by a space, and no digit follows, so that "$5 and $10" stays text).
   */
  var PIECES = new RegExp([
    '(^|\\n)[ ]{0,3}(`{3,}|~{3,})[^\\n]*(?:\\n[\\s\\S]*?(?:\\n[ ]{0,3}\\2[`~]*[ \\t]*(?=\\n|$)|$)|$)',
    '(`+)[\\s\\S]*?[^`]\\3(?!`)',
    '\\\\\\$',
    '\\$\\$([\\s\\S]+?)\\$\\$',
    '\\\\\\[([\\s\\S]+?)\\\\\\]',
    '\\\\\\(([\\s\\S]+?)\\\\\\)',
    '\\$(?![\\s$])((?:\\\\.|[^$\\\\\\n])+?)(?<![\\s\\\\])\\$(?!\\d)'
  ].join('|'), 'g');

  function cutFormulas(markdown, mark) {
    var formulas = [];
    var text = markdown.replace(PIECES, function (all, lineStart, fence, ticks, display1,
                                                 display2, inline1, inline2) {
      var tex = display1 || display2 || inline1 || inline2;
      if (tex === undefined) { return all; }
      formulas.push({tex: tex, display: (display1 || display2) !== undefined});
      return mark + (formulas.length - 1) + 'x';
    });
    return {text: text, formulas: formulas};
  }

  function formula(f) {
    var html = katex.renderToString(f.tex, {displayMode: f.display, throwOnError: false,
                                            trust: false, strict: 'ignore', output: 'htmlAndMathml'});
    return DOMPurify.sanitize(html, MATH_POLICY);
  }

  /** Replaces the placeholders in the text of {@code root} by the formulas. */
  function putFormulas(root, mark, formulas) {
    var find = new RegExp(mark + '(\\d+)x', 'g');
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var texts = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data.indexOf(mark) >= 0) { texts.push(n); }
    }
    texts.forEach(function (t) {
      var parts = t.data.split(find); // text, index, text, index, ..., text
      var out = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i % 2 === 0) { if (part) { out.appendChild(document.createTextNode(part)); } }
        else { out.appendChild(formula(formulas[Number(part)])); }
      });
      t.parentNode.replaceChild(out, t);
    });
    // A placeholder in an attribute (a formula in a link's address, say) becomes its source again.
    root.querySelectorAll('*').forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (a) {
        if (a.value.indexOf(mark) >= 0) {
          el.setAttribute(a.name, a.value.replace(find, function (all, i) {
            return formulas[Number(i)].tex;
          }));
        }
      });
    });
  }

  /** Scrollable blocks (wide tables, long code lines) can be scrolled with the keyboard too. */
  function scrollable(root) {
    root.querySelectorAll('table').forEach(function (table) {
      var wrap = document.createElement('div');
      wrap.className = 'table-wrap';
      wrap.tabIndex = 0;
      table.parentNode.replaceChild(wrap, table);
      wrap.appendChild(table);
    });
    root.querySelectorAll('pre').forEach(function (pre) { pre.tabIndex = 0; });
  }

  /** marked's line breaks between blocks are not text of the reply. */
  function dropBlankText(root) {
    Array.prototype.slice.call(root.childNodes).forEach(function (n) {
      if (n.nodeType === Node.TEXT_NODE && !n.data.trim()) { root.removeChild(n); }
    });
  }

  /** Shows {@code markdown} in {@code element}, replacing what it showed. */
  function render(element, markdown) {
    var mark = 'mathph' + Math.random().toString(36).slice(2, 10) + 'n';
    var cut = cutFormulas(markdown || '', mark);
    var fragment = DOMPurify.sanitize(MARKDOWN.parse(cut.text), TEXT_POLICY);
    dropBlankText(fragment);
    if (cut.formulas.length) { putFormulas(fragment, mark, cut.formulas); }
    fragment.querySelectorAll('pre code').forEach(function (code) {
      var language = /language-([\w+-]+)/.exec(code.className);
      if (language && !hljs.getLanguage(language[1])) { code.className = ''; }
      hljs.highlightElement(code);
    });
    scrollable(fragment);
    element.replaceChildren(fragment);
  }

  /**
   * Renders a growing text at most every {@code ms} milliseconds while it is written; {@code
   * done(text)} renders the final text at once.
   */
  function throttled(element, ms) {
    var latest = '', timer = null;
    function now() { timer = null; render(element, latest); }
    return {
      update: function (text) {
        latest = text;
        if (timer === null) { timer = setTimeout(now, ms); }
      },
      done: function (text) {
        if (timer !== null) { clearTimeout(timer); timer = null; }
        latest = text;
        render(element, text);
      }
    };
  }

  hljs.configure({ignoreUnescapedHTML: true});
  window.LtiBridgeRender = {render: render, throttled: throttled, cutFormulas: cutFormulas};
})();
