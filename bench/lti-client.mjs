// What the Node load generators (lti11-launches.mjs, lti13-launches.mjs) share: a keep-alive
// HTTP/1.1 client, the instructor's setup of the benchmark's placement and (for chat-class.mjs) a signed
// LTI 1.1 launch. Node's own modules only.
//
// The client speaks HTTP/1.1 over node:net sockets itself rather than through node:http, whose
// per-request machinery (ClientRequest, IncomingMessage, the agent's bookkeeping, its parser's
// callbacks) costs several times the CPU of what a load generator needs: the generator shares the
// machine's cores with the server under test, so its CPU per request counts against the figures.
// It covers what LTI Bridge (Payara Micro / Grizzly) answers: Content-Length and chunked bodies,
// kept-alive connections the server may close (Connection: close, e.g. after its maximum of
// requests per connection), one request at a time per connection (no pipelining).
import { connect } from 'node:net';
import { createHmac, randomUUID } from 'node:crypto';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** Repeats of these headers are dropped, as node:http does; other repeats are joined with ", ". */
const SINGLE = new Set(['content-type', 'content-length', 'location', 'date', 'server', 'etag', 'last-modified', 'expires', 'age', 'retry-after']);

/**
 * An HTTP/1.1 client for `base` (plain http) with up to `sockets` kept-alive connections.
 * `http(method, path, headers, body)` resolves with { status, headers, body }: headers with
 * lower-case names (set-cookie an array, as node:http gives it), the body a UTF-8 string. `path`
 * is resolved against base: relative ("lti13/login?..."), absolute ("/lamb/...") or a URL of
 * base's origin (a Location header). A request waits for a free connection when all are busy.
 */
export function httpClient(base, sockets) {
  base = new URL(base);
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || 80);
  const hostHeader = base.host;
  const origin = base.origin;
  const dir = base.pathname.substring(0, base.pathname.lastIndexOf('/') + 1);
  const idle = []; // open connections with no request in flight
  const waiting = []; // requests for which no connection was free: { data, resolve, reject }
  const all = new Set(); // every open socket, for close()
  let open = 0; // connections open or opening
  let closed = false;

  /** The request target (path and query) for `path`, as new URL(path, base) gives it. */
  function target(path) {
    const hash = path.indexOf('#');
    if (hash >= 0) path = path.substring(0, hash);
    if (path.startsWith('/')) return path;
    if (path.startsWith(origin) && '/?'.includes(path.charAt(origin.length) || '/')) {
      return path.substring(origin.length) || '/';
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const url = new URL(path);
      if (url.origin !== origin) throw new Error('this client only speaks to ' + origin + ': ' + path);
      return url.pathname + url.search;
    }
    return dir + path;
  }

  /** One request; resolves with status, headers and body (a string). */
  function http(method, path, headers = {}, body = null) {
    return new Promise((resolve, reject) => {
      if (closed) throw new Error('client closed');
      // The request's head and body, written in one go.
      let head = method + ' ' + target(path) + ' HTTP/1.1\r\nHost: ' + hostHeader + '\r\n';
      for (const name in headers) head += name + ': ' + headers[name] + '\r\n';
      if (body !== null) head += 'Content-Length: ' + Buffer.byteLength(body) + '\r\n';
      const request = { data: head + '\r\n' + (body ?? ''), resolve, reject };
      if (idle.length > 0) idle.pop().send(request);
      else if (open < sockets) connection().send(request);
      else waiting.push(request);
    });
  }

  /** A connection is free again (or gone): hand it the next waiting request, or keep it idle. */
  function release(conn) {
    if (conn !== null) {
      if (waiting.length > 0) conn.send(waiting.shift());
      else idle.push(conn);
    } else if (waiting.length > 0 && open < sockets && !closed) {
      connection().send(waiting.shift());
    }
  }

  /** A new connection with its response parser; `send` starts a request on it. */
  function connection() {
    open++;
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    all.add(socket);
    let request = null; // the request in flight
    let gone = false; // closed, or to be closed once its response is complete
    let error = null;
    // Response parser state: the bytes not consumed yet (an incomplete head, chunk-size line or
    // chunk delimiter), then the head's fields and the body's chunks as they arrive.
    let rest = null;
    let status = 0;
    let fields = null;
    let keepAlive = true;
    let mode = 'head'; // head, length (Content-Length), size / data / crlf / trailer (chunked), eof
    let remaining = 0; // body bytes still to come (length), or of the current chunk (data)
    let chunks = [];

    const conn = {
      send(r) {
        request = r;
        mode = 'head';
        socket.write(r.data);
      },
    };

    socket.on('data', (data) => {
      if (request === null) {
        socket.destroy(new Error('data from the server with no request in flight'));
        return;
      }
      if (rest !== null) {
        data = Buffer.concat([rest, data]);
        rest = null;
      }
      try {
        parse(data);
      } catch (e) {
        socket.destroy(e);
      }
    });
    socket.on('error', (e) => {
      error = e;
    });
    socket.on('close', () => {
      gone = true;
      all.delete(socket);
      const i = idle.indexOf(conn);
      if (i >= 0) idle.splice(i, 1);
      open--;
      if (request !== null) {
        const r = request;
        request = null;
        if (mode === 'eof' && error === null) done(r); // a body delimited by the end of the connection
        else r.reject(error ?? new Error('the server closed the connection ' + (mode === 'head' ? 'before answering' : 'mid-response')));
      }
      release(null);
    });

    /** Consumes what `data` holds of the response in flight; keeps an incomplete piece in `rest`. */
    function parse(data) {
      let at = 0;
      while (at < data.length || mode === 'length' || mode === 'data') {
        if (mode === 'head') {
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) break;
          head(data.toString('latin1', at, end));
          at = end + 4;
        } else if (mode === 'length' || mode === 'data') {
          // Body bytes: taken as they are (slices, no copies).
          const n = Math.min(remaining, data.length - at);
          if (n > 0) chunks.push(data.subarray(at, at + n));
          at += n;
          remaining -= n;
          if (remaining > 0) break;
          if (mode === 'length') mode = 'complete';
          else mode = 'crlf';
        } else if (mode === 'crlf') {
          if (data.length - at < 2) break;
          if (data[at] !== 13 || data[at + 1] !== 10) throw new Error('malformed chunked body');
          at += 2;
          mode = 'size';
        } else if (mode === 'size' || mode === 'trailer') {
          const end = data.indexOf(CRLF, at);
          if (end < 0) break;
          const line = data.toString('latin1', at, end);
          at = end + 2;
          if (mode === 'trailer') {
            if (line === '') mode = 'complete'; // trailer fields are skipped
          } else {
            remaining = parseInt(line, 16); // chunk extensions after ';' are ignored
            if (!(remaining >= 0)) throw new Error('malformed chunk size: ' + line);
            mode = remaining === 0 ? 'trailer' : 'data';
          }
        } else if (mode === 'eof') {
          chunks.push(data.subarray(at));
          at = data.length;
        } else {
          throw new Error('more data than the response'); // no pipelining: nothing may follow
        }
        if (mode === 'complete') {
          if (at < data.length) throw new Error('more data than the response');
          const r = request;
          request = null;
          if (!keepAlive) {
            gone = true;
            socket.destroy(); // 'close' follows: the next request opens a new connection
          }
          done(r);
          if (!gone) release(conn);
          return;
        }
      }
      if (at < data.length) rest = data.subarray(at);
    }

    /** Reads the status line and header fields; sets how the body is delimited. */
    function head(text) {
      const lines = text.split('\r\n');
      const statusLine = lines[0];
      if (!statusLine.startsWith('HTTP/1.')) throw new Error('not an HTTP/1.x response: ' + statusLine);
      status = parseInt(statusLine.substring(9, 12), 10);
      fields = {};
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.substring(0, colon).trim().toLowerCase();
        const value = line.substring(colon + 1).trim();
        const seen = fields[name];
        if (name === 'set-cookie') {
          if (seen === undefined) fields[name] = [value];
          else seen.push(value);
        } else if (seen === undefined) fields[name] = value;
        else if (!SINGLE.has(name)) fields[name] = seen + ', ' + value;
      }
      const connection = (fields.connection ?? '').toLowerCase();
      keepAlive = statusLine.startsWith('HTTP/1.1') ? !connection.includes('close') : connection.includes('keep-alive');
      chunks = [];
      if (request.data.startsWith('HEAD ') || status === 204 || status === 304 || status < 200) {
        mode = 'complete'; // no body (1xx is not expected from the server)
      } else if ((fields['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
        mode = 'size';
      } else if (fields['content-length'] !== undefined) {
        remaining = Number(fields['content-length']);
        if (!Number.isSafeInteger(remaining) || remaining < 0) throw new Error('bad Content-Length');
        mode = remaining === 0 ? 'complete' : 'length';
      } else {
        mode = 'eof'; // the body runs until the server closes the connection
        keepAlive = false;
      }
    }

    /** Resolves the request with the response just read. */
    function done(r) {
      const body = chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString();
      chunks = [];
      r.resolve({ status, headers: fields, body });
    }

    return conn;
  }

  /** Destroys the connections (a request in flight is rejected, as are those waiting). */
  function close() {
    closed = true;
    for (const r of waiting.splice(0)) r.reject(new Error('client closed'));
    for (const socket of all) socket.destroy();
  }

  return { http, close };
}

/**
 * The demo instructor's first launch answered with a redirect to the setup page: open it and
 * configure the placement with the first published assistant it offers.
 */
export async function configureAfter(launch, http, base) {
  if (launch.status !== 303) throw new Error('instructor launch: ' + launch.status + ' ' + launch.body);
  const location = launch.headers.location;
  const token = new URL(location, base).searchParams.get('token');
  const setup = await http('GET', location);
  const at = setup.body.indexOf('name="assistant_ids" value="');
  const assistant = setup.body.substring(at + 28, setup.body.indexOf('"', at + 28));
  const done = await http(
    'POST',
    'lamb/v1/lti/configure',
    { 'Content-Type': 'application/x-www-form-urlencoded' },
    `token=${encodeURIComponent(token)}&assistant_ids=${assistant}`);
  if (done.status !== 303) throw new Error('configure: ' + done.status + ' ' + done.body);
}

/** RFC 5849 §3.6: UTF-8, then every octet but the unreserved characters as %XX. */
const pct = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * An LTI 1.1 launch as a form body signed for POST `url` (OAuth 1.0a HMAC-SHA1, RFC 5849 §3.4:
 * the signature base string from the sorted, encoded parameters, keyed with "secret&"); `params`
 * are the launch's own parameters, the oauth_* ones are added here.
 */
export function signedLaunch(url, key, secret, params) {
  const p = {
    ...params,
    oauth_consumer_key: key,
    oauth_nonce: randomUUID(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  const pairs = Object.entries(p).map(([k, v]) => [pct(k), pct(v)]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = pairs.map(([k, v]) => k + '=' + v).join('&');
  const baseString = 'POST&' + pct(url) + '&' + pct(normalized);
  const signature = createHmac('sha1', pct(secret) + '&').update(baseString).digest('base64');
  return normalized + '&oauth_signature=' + pct(signature);
}

/**
 * Whether a launch's page is the one its user should land on, by its text: an instructor's
 * dashboard, a learner's chat with its assistant, or the consent page (transcript review on). Not
 * an error page answered 200.
 */
export function landedOn(location, page, instructor) {
  if (page.status !== 200) return false;
  if (instructor) return location.includes('/lamb/v1/lti/dashboard?') && page.body.includes('id="dashboard"');
  if (location.includes('/lamb/v1/lti/consent?')) return page.body.includes('id="consent-title"');
  return location.includes('/lamb/v1/lti/chat?') && page.body.includes('id="chat"') && page.body.includes('<option value="');
}
