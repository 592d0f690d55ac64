/* Server-Sent Events over fetch(): the built-in chat and the creator's preview both POST a message
   and read the reply as an event stream (HTML Living Standard §9.2 "Server-sent events" framing:
   "event:" and "data:" lines, blocks separated by a blank line). EventSource cannot POST or send an
   Authorization header, hence fetch(). */
(function () {
  'use strict';

  /** Splits complete event blocks off the buffer, calls onEvent(name, json) for each, returns the rest. */
  function parse(buffer, onEvent) {
    var parts = buffer.split('\n\n');
    var rest = parts.pop();
    parts.forEach(function (block) {
      var name = 'message', data = [];
      block.split('\n').forEach(function (line) {
        if (line.indexOf('event:') === 0) { name = line.slice(6).trim(); }
        else if (line.indexOf('data:') === 0) { data.push(line.slice(5).replace(/^ /, '')); }
      });
      if (data.length) { onEvent(name, JSON.parse(data.join('\n'))); }
    });
    return rest;
  }

  /**
   * POSTs body as JSON and feeds the streamed events to onEvent. Resolves with null when the stream
   * has ended, or with the problem's message when the server refused the request. Aborting
   * `signal` (an AbortSignal, optional) closes the connection: the server then stops the reply.
   */
  async function post(url, headers, body, onEvent, signal) {
    var all = {'Content-Type': 'application/json', 'Accept': 'text/event-stream'};
    Object.keys(headers || {}).forEach(function (k) { all[k] = headers[k]; });
    var res = await fetch(url, {method: 'POST', headers: all, body: JSON.stringify(body),
                                credentials: 'same-origin', signal: signal});
    if (!res.ok) {
      var problem = await res.json().catch(function () { return {message: res.statusText}; });
      return problem.message || res.statusText;
    }
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) { return null; }
      buffer = parse(buffer + decoder.decode(chunk.value, {stream: true}), onEvent);
    }
  }

  window.LtiBridgeSse = {parse: parse, post: post};
})();
