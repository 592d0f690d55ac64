// LTI Dynamic Registration §3.6: tell the LMS that opened us (window or iframe) we are done.
(function () {
  var host = window.opener || (window.parent !== window ? window.parent : null);
  if (host) {
    host.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
})();
