// What the Node load generators (lti11-launches.mjs, lti13-launches.mjs) share: a keep-alive
// HTTP/1.1 client and the instructor's setup of the benchmark's placement. Node's own modules only.
import { Agent, request } from 'node:http';

/** An HTTP/1.1 client for `base` with up to `sockets` kept-alive connections. */
export function httpClient(base, sockets) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  /** One request; resolves with status, headers and body (a string). */
  function http(method, path, headers = {}, body = null) {
    return new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const req = request(
        { agent, method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        });
      req.on('error', reject);
      if (body !== null) {
        req.setHeader('Content-Length', Buffer.byteLength(body));
        req.end(body);
      } else {
        req.end();
      }
    });
  }
  return { http, close: () => agent.destroy() };
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
