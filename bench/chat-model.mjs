// A test model for bench/chat.sh: a small OpenAI-compatible server that streams its replies the
// way a real model does, slowly, so that the bench measures how LTI Bridge carries many replies at
// once rather than how fast a model writes. Node's own modules only.
//
// Usage: node bench/chat-model.mjs PORT CHUNKS INTERVAL_MS FIRST_MS
//   GET  /v1/models             the list, as OpenAI's "List models" answers it
//   POST /v1/chat/completions   with "stream": true: a text/event-stream of chat.completion.chunk
//                               objects (OpenAI API reference, "Create chat completion" with
//                               stream=true, and "The chat completion chunk object"): the role and
//                               first piece after FIRST_MS, then a piece every INTERVAL_MS, CHUNKS
//                               pieces in all, then a chunk with finish_reason "stop" and
//                               `data: [DONE]`. Each event is `data: <json>` and a blank line (WHATWG
//                               HTML, "Server-sent events", event stream interpretation). Without
//                               stream: one chat.completion object after the same total time.
//   GET  /stats                 the counters below as JSON; POST /stats/reset starts them again
// The reply's pieces are "tok0 ", "tok1 ", ... so that a driver can check a reply is whole.
// Counted: requests (by path), streams open now and the maximum open at once, streams completed,
// and streams whose client closed the connection before the end (cancelled). Printed as JSON on
// SIGTERM/SIGINT, before exiting.
import { createServer } from 'node:http';

const [portArg, chunksArg, intervalArg, firstArg] = process.argv.slice(2);
const PORT = Number(portArg ?? 8291);
const CHUNKS = Number(chunksArg ?? 20);
const INTERVAL_MS = Number(intervalArg ?? 200);
const FIRST_MS = Number(firstArg ?? 200);

const stats = {
  requests: 0, // every request but those to /stats
  completions: 0, // POST /v1/chat/completions
  streams_open: 0,
  max_streams_open: 0,
  max_streams_open_at: null, // ISO time the maximum was first reached
  streams_completed: 0,
  streams_closed_early: 0, // the client closed the connection before [DONE]
  refused: 0, // 4xx answers (bad JSON, no model, unknown path)
  first_request_at: null,
  last_request_at: null,
};
let ids = 0;

const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/stats') return json(res, 200, stats);
  if (req.method === 'POST' && path === '/stats/reset') {
    for (const k of ['requests', 'completions', 'streams_completed', 'streams_closed_early', 'refused']) stats[k] = 0;
    stats.max_streams_open = stats.streams_open;
    stats.max_streams_open_at = stats.first_request_at = stats.last_request_at = null;
    return json(res, 200, stats);
  }
  stats.requests++;
  const now = new Date().toISOString();
  stats.first_request_at ??= now;
  stats.last_request_at = now;
  if (req.method === 'GET' && path === '/v1/models') {
    return json(res, 200, {
      object: 'list',
      data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_700_000_000, owned_by: 'bench' }],
    });
  }
  if (req.method !== 'POST' || path !== '/v1/chat/completions') {
    stats.refused++;
    return error(res, 404, `Unknown request URL: ${req.method} ${path}.`);
  }
  stats.completions++;
  const body = [];
  req.on('data', (b) => body.push(b));
  req.on('end', () => {
    let request;
    try {
      request = JSON.parse(Buffer.concat(body).toString());
    } catch {
      stats.refused++;
      return error(res, 400, 'We could not parse the JSON body of your request.');
    }
    if (typeof request?.model !== 'string') {
      stats.refused++;
      return error(res, 400, 'you must provide a model parameter');
    }
    if (!Array.isArray(request.messages)) {
      stats.refused++;
      return error(res, 400, "Missing required parameter: 'messages'.");
    }
    const id = 'chatcmpl-bench-' + ++ids;
    const created = Math.floor(Date.now() / 1000);
    if (request.stream === true) stream(req, res, id, created, request.model);
    else whole(res, id, created, request.model);
  });
});

/** One chat.completion.chunk with this delta (OpenAI's chunk object: one choice, index 0). */
function chunk(id, created, model, delta, finish) {
  return (
    'data: ' +
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    }) +
    '\n\n'
  );
}

function stream(req, res, id, created, model) {
  stats.streams_open++;
  if (stats.streams_open > stats.max_streams_open) {
    stats.max_streams_open = stats.streams_open;
    stats.max_streams_open_at = new Date().toISOString();
  }
  let sent = 0;
  let finished = false;
  let timer = null;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  const end = (completed) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    stats.streams_open--;
    if (completed) stats.streams_completed++;
    else stats.streams_closed_early++;
  };
  // 'close' on the response before its end was written: the client went away (cancelled).
  res.on('close', () => end(false));
  const next = () => {
    if (finished) return;
    let data = '';
    if (sent === 0) data += chunk(id, created, model, { role: 'assistant', content: '' }, null);
    data += chunk(id, created, model, { content: 'tok' + sent + ' ' }, null);
    sent++;
    if (sent < CHUNKS) {
      res.write(data);
      timer = setTimeout(next, INTERVAL_MS);
    } else {
      data += chunk(id, created, model, {}, 'stop') + 'data: [DONE]\n\n';
      end(true);
      res.end(data);
    }
  };
  timer = setTimeout(next, FIRST_MS);
}

function whole(res, id, created, model) {
  setTimeout(() => {
    let content = '';
    for (let i = 0; i < CHUNKS; i++) content += 'tok' + i + ' ';
    json(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: CHUNKS, total_tokens: CHUNKS + 1 },
    });
  }, FIRST_MS + (CHUNKS - 1) * INTERVAL_MS);
}

function json(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** An error as OpenAI's API answers one: {"error": {"message", "type", "param", "code"}}. */
function error(res, status, message) {
  json(res, status, { error: { message, type: 'invalid_request_error', param: null, code: null } });
}

server.maxHeadersCount = 100;
server.listen(PORT, '127.0.0.1', 4096, () => {
  console.log(`test model on http://127.0.0.1:${PORT}/v1: ${CHUNKS} chunks, first after ${FIRST_MS} ms, then every ${INTERVAL_MS} ms`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(JSON.stringify(stats));
    process.exit(0);
  });
}
