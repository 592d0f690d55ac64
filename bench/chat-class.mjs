// A class at once (bench/chat.sh): N students launch into one activity, then all send one message
// at the same moment and read their streamed replies, while a few more students keep launching.
// Node's own modules only.
//
// Usage: node bench/chat-class.mjs BASE_URL KEY SECRET N CHUNKS MARKS
//   CHUNKS: the pieces the test model streams per reply (a whole reply is "tok0 tok1 ... ").
//   MARKS: a path prefix; MARKS.storm is created when the messages are ready to be released, and
//   the driver releases them once chat.sh has deleted it (having taken its CPU mark); MARKS.storm.done
//   is created when the last reply has ended, and the driver prints once chat.sh has deleted it.
// Environment: SERVER_PID: the server's process, whose VmRSS and Threads (/proc/<pid>/status) are
// read every 250 ms from the release to the last reply's end.
// Also: LAUNCH_CLIENTS (8) for the N launches before; STORM_LAUNCH_CLIENTS (2) and
// STORM_LAUNCH_PAUSE_MS (100) for the launches during the replies; PRECONNECT (1): open the N
// connections before the release, so that the release is N requests written at once, as N browsers
// with their page's connection still open (0: each request connects at the release);
// STORM_TIMEOUT_S (300): replies not ended by then are cancelled and counted as timeouts;
// WARMUP_STUDENTS (200), WARMUP_ROUNDS (3), WARMUP_S (60): before the release, that many other
// students (the latecomers) send a message at once and read the reply, round after round, at least
// WARMUP_ROUNDS rounds and WARMUP_S seconds, so that the server is measured as it runs during a
// working day, its JIT done with the chat's path (with 50 students and 3 rounds, the JIT compiler
// still took a fifth of the server's CPU during the replies).
//
// Each launch is real: a signed LTI 1.1 POST (303), then the GET of its Location, the chat page,
// from which the chat token (data-token) and the assistant (the first <option>, which must say
// data-answering="true") are taken as the page's script takes them. A message is the page's
// request: POST /lamb/v1/lti/chat/messages with Authorization: Bearer <token>, Accept:
// text/event-stream and {"assistantId", "content"}; its reply is read as an event stream (WHATWG
// HTML, "Server-sent events": lines "event:" / "data:", an event ends at a blank line).
// Per reply: the time from the release to its `conversation` event, to its first `delta`, and to its
// `done`; a reply ends in one of: done (whole text as sent by the model), done-wrong-text, notice
// (the server's "the model failed" event), http-<status>, broken (the stream ended or failed
// without done/notice), timeout.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpClient, configureAfter, signedLaunch } from './lti-client.mjs';

const [baseArg, key, secret, nArg, chunksArg, marks] = process.argv.slice(2);
const base = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
const N = Number(nArg);
const CHUNKS = Number(chunksArg);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const LAUNCH_CLIENTS = env('LAUNCH_CLIENTS', 8);
const STORM_LAUNCH_CLIENTS = env('STORM_LAUNCH_CLIENTS', 2);
const STORM_LAUNCH_PAUSE_MS = env('STORM_LAUNCH_PAUSE_MS', 100);
const PRECONNECT = env('PRECONNECT', 1) !== 0;
const STORM_TIMEOUT_S = env('STORM_TIMEOUT_S', 300);
const WARMUP_ROUNDS = env('WARMUP_ROUNDS', 3);
const WARMUP_STUDENTS = env('WARMUP_STUDENTS', 200);
const WARMUP_S = env('WARMUP_S', 60);
const launchUrl = base + 'lamb/v1/lti/launch';
const messagesPath = new URL('lamb/v1/lti/chat/messages', base).pathname;
const GUID = 'bench-chat-' + randomUUID();
const expectedText = Array.from({ length: CHUNKS }, (_, i) => 'tok' + i + ' ').join('');
const log = (...a) => console.error(...a);
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
const launchBody = (user, placement, roles) =>
  signedLaunch(launchUrl, key, secret, {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: placement,
    context_id: 'bench-chat-course',
    context_title: 'A lecture hall',
    user_id: user,
    ext_user_username: user,
    roles,
    lis_person_name_full: 'Student ' + user,
    lis_person_contact_email_primary: roles === 'Instructor' ? 'demo-instructor@example.edu' : user + '@example.edu',
    tool_consumer_instance_guid: GUID,
  });

const unescapeHtml = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);

/** A student's launch followed to the chat page: { token, assistantId }, or throws. */
async function launch(http, user, placement) {
  const post = await http('POST', 'lamb/v1/lti/launch', form, launchBody(user, placement, 'Learner'));
  if (post.status !== 303) throw new Error('launch answered ' + post.status);
  const page = await http('GET', post.headers.location);
  if (page.status !== 200) throw new Error('chat page answered ' + page.status);
  const token = /data-token="([^"]*)"/.exec(page.body);
  const option = /<option value="(\d+)" data-answering="(true|false)"/.exec(page.body);
  if (!token || !option) throw new Error('not the chat page: ' + page.body.substring(0, 200));
  if (option[2] !== 'true') throw new Error('the assistant on the chat page cannot answer (no model endpoint?)');
  return { token: unescapeHtml(token[1]), assistantId: Number(option[1]) };
}

/** Launches `users` from `clients` concurrent clients; returns their sessions and the rate. */
async function launchAll(http, clients, users, placement) {
  const sessions = new Array(users.length);
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i; (i = next++) < users.length; ) sessions[i] = await launch(http, users[i], placement);
    }));
  return { sessions, perSecond: users.length / ((now() - t0) / 1000) };
}

/** Nearest-rank percentile of sorted numbers, as "12.3" (ms) or "–" when empty. */
function pct(sorted, p) {
  if (sorted.length === 0) return '–';
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))].toFixed(0);
}
const summary = (values) => {
  const s = values.slice().sort((a, b) => a - b);
  return `p50 ${pct(s, 0.5)} ms, p99 ${pct(s, 0.99)} ms, max ${pct(s, 1)} ms (${s.length})`;
};

/** Opens a TCP connection to the server; resolves once it is connected. */
function preconnect() {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: base.hostname, port: Number(base.port || 80) });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Sends one message and reads its reply; resolves with the record of the reply. `release` is the
 * moment (ms) all messages were released; times are from it.
 */
function send(session, socket, release, r) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ assistantId: session.assistantId, content: 'What is the meaning of this lecture?' });
    let settled = false;
    let buffer = '';
    let event = 'message';
    let data = [];
    const finish = (outcome, detail) => {
      if (settled) return;
      settled = true;
      r.outcome = outcome;
      if (detail) r.detail = String(detail).substring(0, 160);
      r.end = now() - release;
      resolve(r);
    };
    const options = {
      method: 'POST',
      host: base.hostname,
      port: Number(base.port || 80),
      path: messagesPath,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        Authorization: 'Bearer ' + session.token,
        'Content-Length': Buffer.byteLength(body),
      },
    };
    if (socket) options.createConnection = () => socket;
    else options.agent = false;
    const req = httpRequest(options, (res) => {
      r.status = res.statusCode;
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => finish('http-' + res.statusCode));
        res.on('error', (e) => finish('http-' + res.statusCode, e.message));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (text) => {
        buffer += text;
        // Lines end in CRLF, LF or CR; an event is dispatched at a blank line.
        for (;;) {
          const m = /\r\n|\n|\r/.exec(buffer);
          if (!m || (m[0] === '\r' && m.index === buffer.length - 1)) break; // a lone CR may start a CRLF
          const line = buffer.substring(0, m.index);
          buffer = buffer.substring(m.index + m[0].length);
          if (line === '') {
            if (data.length > 0) dispatch(event, data.join('\n'));
            event = 'message';
            data = [];
          } else if (line.startsWith(':')) {
            // a comment
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.substring(0, colon);
            let value = colon < 0 ? '' : line.substring(colon + 1);
            if (value.startsWith(' ')) value = value.substring(1);
            if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
          }
        }
      });
      res.on('end', () => finish('broken', 'the stream ended without done or notice'));
      res.on('error', (e) => finish('broken', e.message));
      res.on('aborted', () => finish('broken', 'aborted'));
    });
    req.on('error', (e) => finish('broken', e.code || e.message));
    r.cancel = () => {
      if (!settled) {
        finish('timeout');
        req.destroy();
      }
    };
    const dispatch = (name, json) => {
      const t = now() - release;
      let value = null;
      try {
        value = JSON.parse(json);
      } catch {
        finish('broken', 'not JSON: ' + json.substring(0, 80));
        req.destroy();
        return;
      }
      if (name === 'conversation') r.conversation ??= t;
      else if (name === 'delta') {
        r.firstDelta ??= t;
        r.deltas++;
        r.text += value.text ?? '';
      } else if (name === 'done') {
        // Read on to the response's end as a browser does (the server closes it: Connection: close).
        finish(value.text === expectedText && r.text === expectedText ? 'done' : 'done-wrong-text', value.text);
      } else if (name === 'notice') {
        finish('notice', value.text);
      }
    };
    req.end(body);
  });
}

/** Launches in a loop until `stop()` is true: { latencies, errors }. */
async function launchLoop(http, students, placement, stopped) {
  const latencies = [];
  const errors = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: STORM_LAUNCH_CLIENTS }, async () => {
      while (!stopped()) {
        const user = students[next++ % students.length];
        const t0 = now();
        try {
          await launch(http, user, placement);
          latencies.push(now() - t0);
        } catch (e) {
          errors.push(e.message);
        }
        if (STORM_LAUNCH_PAUSE_MS > 0) await sleep(STORM_LAUNCH_PAUSE_MS);
      }
    }));
  return { latencies, errors };
}

// Set-up: the instructor places the activity with the first published assistant; N students, and
// the latecomers who warm up and launch again during the replies, launch once (first launches).
const setupHttp = httpClient(base, LAUNCH_CLIENTS);
const placement = 'bench-chat-' + randomUUID();
await configureAfter(await setupHttp.http('POST', 'lamb/v1/lti/launch', form, launchBody('bench-teacher', placement, 'Instructor')), setupHttp.http, base);
const run = randomUUID().substring(0, 6);
const students = Array.from({ length: N }, (_, i) => `s${i}-${run}`);
const latecomers = Array.from({ length: WARMUP_STUDENTS }, (_, i) => `late${i}-${run}`);
log(`launching ${N} students (${LAUNCH_CLIENTS} clients) ...`);
const { sessions, perSecond } = await launchAll(setupHttp.http, LAUNCH_CLIENTS, students, placement);
const lateSessions = (await launchAll(setupHttp.http, LAUNCH_CLIENTS, latecomers, placement)).sessions;
setupHttp.close();
log(`  ${N} first launches to the chat page at ${perSecond.toFixed(0)} /s`);

// Warm-up: the latecomers chat round after round at once, so that the JIT has seen the chat's path.
const warmupStart = now();
for (let round = 1; round <= WARMUP_ROUNDS || now() - warmupStart < WARMUP_S * 1000; round++) {
  const t = now();
  const done = await Promise.all(lateSessions.map((s) => send(s, null, t, { deltas: 0, text: '' })));
  const ok = done.filter((r) => r.outcome === 'done').length;
  log(`  warm-up round ${round}: ${ok} of ${done.length} replies whole, ${((now() - t) / 1000).toFixed(1)} s`);
}

// The storm.
const sockets = PRECONNECT ? await Promise.all(sessions.map(() => preconnect())) : sessions.map(() => null);
if (PRECONNECT) log(`  ${N} connections open`);
const stormHttp = httpClient(base, STORM_LAUNCH_CLIENTS);
writeFileSync(`${marks}.storm`, '');
while (existsSync(`${marks}.storm`)) await sleep(20); // chat.sh takes its CPU mark
let stormOver = false;
const records = sessions.map(() => ({ deltas: 0, text: '' }));
const samples = [];
const sample = () => {
  try {
    const status = readFileSync(`/proc/${process.env.SERVER_PID}/status`, 'latin1');
    samples.push({ rss: Number(/^VmRSS:\s+(\d+)/m.exec(status)[1]), threads: Number(/^Threads:\s+(\d+)/m.exec(status)[1]) });
  } catch {
    // no such process (SERVER_PID not given, or the server died): no sample
  }
};
sample();
const sampler = setInterval(sample, 250);
const release = now();
const replies = Promise.all(sessions.map((s, i) => send(s, sockets[i], release, records[i])));
const loop = launchLoop(stormHttp.http, latecomers, placement, () => stormOver);
const deadline = setTimeout(() => records.forEach((r) => r.cancel?.()), STORM_TIMEOUT_S * 1000);
await replies;
clearTimeout(deadline);
const stormMs = now() - release;
clearInterval(sampler);
sample();
stormOver = true;
writeFileSync(`${marks}.storm.done`, '');
const launches = await loop;
stormHttp.close();
while (existsSync(`${marks}.storm.done`)) await sleep(20); // chat.sh takes its CPU figures

// The figures.
const byOutcome = {};
for (const r of records) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
// The failed replies by kind and detail, with when they ended (s after the release).
const notices = {};
for (const r of records) {
  if (r.outcome === 'done') continue;
  const stage = r.firstDelta !== undefined ? ' mid-reply' : r.conversation !== undefined ? ' before the first delta' : r.status ? '' : ' before any answer';
  const k = r.outcome + stage + (r.detail ? ': ' + r.detail : '');
  const n = (notices[k] ??= { count: 0, from: Infinity, to: 0 });
  n.count++;
  n.from = Math.min(n.from, r.end);
  n.to = Math.max(n.to, r.end);
}
const errors = N - (byOutcome.done ?? 0);
const lat = launches.latencies.slice().sort((a, b) => a - b);
console.log(`  N ${N} students, one message each released at once (${PRECONNECT ? 'connections opened before' : 'each connecting at the release'}); ${N} first launches before at ${perSecond.toFixed(0)} /s`);
console.log(`  first delta:   ${summary(records.filter((r) => r.firstDelta !== undefined).map((r) => r.firstDelta))}`);
console.log(`  whole reply:   ${summary(records.filter((r) => r.outcome === 'done').map((r) => r.end))}`);
console.log(`  (conversation event: ${summary(records.filter((r) => r.conversation !== undefined).map((r) => r.conversation))}; last reply ended after ${(stormMs / 1000).toFixed(1)} s)`);
console.log(`  replies: ${Object.entries(byOutcome).map(([k, v]) => `${k} ${v}`).join(', ')}; errors ${errors}`);
for (const [k, v] of Object.entries(notices).sort((a, b) => b[1].count - a[1].count).slice(0, 5)) {
  console.log(`    ${v.count} × ${k} (ended ${(v.from / 1000).toFixed(1)}–${(v.to / 1000).toFixed(1)} s after the release)`);
}
if (samples.length > 0) {
  const max = (k) => Math.max(...samples.map((x) => x[k]));
  console.log(
    `  server during the replies (/proc every 250 ms, ${samples.length} samples): max RSS ${(max('rss') / 1024).toFixed(0)} MB ` +
      `(${(samples[0].rss / 1024).toFixed(0)} MB at the release), max threads ${max('threads')} (${samples[0].threads} at the release)`);
}
console.log(
  `  launches during the replies (${STORM_LAUNCH_CLIENTS} clients, ${STORM_LAUNCH_PAUSE_MS} ms pause, each to its chat page): ` +
    `${lat.length} (${(lat.length / (stormMs / 1000)).toFixed(0)} /s), p50 ${pct(lat, 0.5)} ms, p99 ${pct(lat, 0.99)} ms, max ${pct(lat, 1)} ms, errors ${launches.errors.length}` +
    (launches.errors.length ? ` (${launches.errors[0]})` : ''));
