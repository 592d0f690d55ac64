// LTI 1.3 pages that work without cookies. #lti13-storage carries what to do:
//  put:  write the login's browser binding into the platform's storage (lti.put_data), then go
//        on to the platform (data-next) - also when the platform does not answer in time;
//  get:  read the binding back (lti.get_data) and post the id_token again with it; if that
//        fails, show the new-window fallback.
// Messages follow the 1EdTech client-side postMessage conventions: sent to the platform's
// storage frame with the platform's origin as target origin; answers are accepted only from
// that origin and for our message_id.
// #lti13-autopost forms (deep-linking answer) are submitted at once.
(function () {
  var auto = document.getElementById('lti13-autopost');
  if (auto) {
    auto.submit();
  }
  var el = document.getElementById('lti13-storage');
  if (!el) {
    return;
  }
  var mode = el.getAttribute('data-mode');
  var target = el.getAttribute('data-target');
  var origin = el.getAttribute('data-origin');
  var key = el.getAttribute('data-key');
  var id = 'ltibridge-' + Math.random().toString(36).slice(2);
  var done = false;

  function fallback() {
    if (done) {
      return;
    }
    done = true;
    if (mode === 'put') {
      window.location.replace(el.getAttribute('data-next'));
      return;
    }
    var waiting = document.getElementById('lti13-waiting');
    var offer = document.getElementById('lti13-fallback');
    if (waiting) {
      waiting.style.display = 'none';
    }
    if (offer) {
      offer.style.display = '';
    }
  }

  window.addEventListener('message', function (event) {
    var d = event.data;
    if (done || !d || typeof d !== 'object' || d.message_id !== id || event.origin !== origin) {
      return;
    }
    if (mode === 'put' && d.subject === 'lti.put_data.response') {
      done = true;
      window.location.replace(el.getAttribute('data-next'));
    } else if (mode === 'get' && d.subject === 'lti.get_data.response') {
      if (d.error || !d.value) {
        fallback();
        return;
      }
      done = true;
      var form = document.getElementById('lti13-relaunch');
      form.elements['lti_storage_binding'].value = d.value;
      form.submit();
    }
  });

  var frame = null;
  try {
    frame = target === '_parent' ? window.parent : window.parent.frames[target];
  } catch (e) {
    frame = null;
  }
  if (!frame || frame === window) {
    fallback();
    return;
  }
  var message = { subject: mode === 'put' ? 'lti.put_data' : 'lti.get_data', message_id: id, key: key };
  if (mode === 'put') {
    message.value = el.getAttribute('data-value');
  }
  try {
    frame.postMessage(message, origin);
  } catch (e) {
    fallback();
    return;
  }
  setTimeout(fallback, 4000);
})();
