// The instructor dashboard of a big activity (bench/dashboard.sh): sets the activity up through
// the real LTI 1.1 flow, then measures the dashboard as an instructor uses it. Node's own modules
// only; the HTTP client and the launch signing are those of the launch benches.
//
// Usage:
//   node bench/dashboard.mjs setup BASE_URL KEY SECRET PLACEMENT
//     The demo instructor launches at PLACEMENT and configures it with every assistant the setup
//     page offers and transcript review on; three students launch, consent and send one message
//     each, and a fourth launches without consenting, so that the rows the bench copies in SQL
//     are those the real flow wrote. Prints nothing but errors.
//   node bench/dashboard.mjs measure BASE_URL KEY SECRET PLACEMENT CLIENTS REQUESTS WARMUP IDS_FILE
//     For each of the dashboard's requests: WARMUP requests at the highest client count (not
//     reported), then REQUESTS at each count in CLIENTS (e.g. "1,8"), printing p50/p99/max.
//     The page is measured as an instructor opens it: each GET follows a fresh instructor launch
//     (its token opens the page once); only the GET is timed. The JSON API takes one dashboard
//     token in Authorization: Bearer. IDS_FILE lists reviewable conversation ids (one a line)
//     for chats/{id}. ONLY (optional): the number of the one request to measure (0 the floor,
//     1 the page, 2... the API, in the order printed); with it the header lines are left out.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { httpClient, signedLaunch } from './lti-client.mjs';

const [mode, baseArg, key, secret, placement, clientsArg, requestsArg, warmupArg, idsFile, only] = process.argv.slice(2);
const base = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
const launchUrl = base + 'lamb/v1/lti/launch';
const counts = (clientsArg ?? '1').split(',').map(Number);
const { http, close } = httpClient(base, Math.max(...counts));
const GUID = 'bench-dashboard';


/** A signed LTI 1.1 launch form body (RFC 5849 §3.4: HMAC-SHA1 with "secret&"). */
function launchBody(user, roles) {
  const p = {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: placement,
    context_id: 'bench-course',
    context_title: 'Lecture 101',
    user_id: user,
    ext_user_username: user,
    roles,
    lis_person_name_full: 'Bench ' + user,
    lis_person_contact_email_primary: roles === 'Instructor' ? 'demo-instructor@example.edu' : user + '@example.edu',
    tool_consumer_instance_guid: GUID,
  };
  return signedLaunch(launchUrl, key, secret, p);
}

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function launch(user, roles) {
  const res = await http('POST', 'lamb/v1/lti/launch', form, launchBody(user, roles));
  if (res.status !== 303) throw new Error(`launch of ${user}: ${res.status} ${res.body.substring(0, 300)}`);
  return res.headers.location;
}

const tokenOf = (location) => new URL(location, base).searchParams.get('token');

async function setup() {
  const location = await launch('bench-teacher', 'Instructor');
  if (!location.includes('/setup')) throw new Error('expected the setup page: ' + location);
  const page = await http('GET', location);
  const assistants = [...page.body.matchAll(/name="assistant_ids" value="(\d+)"/g)].map((m) => m[1]);
  if (assistants.length === 0) throw new Error('no assistant offered: ' + page.body.substring(0, 500));
  const body =
    `token=${encodeURIComponent(tokenOf(location))}` +
    assistants.map((a) => `&assistant_ids=${a}`).join('') +
    '&chat_visibility_enabled=1&activity_name=' + encodeURIComponent('Lecture hall');
  const done = await http('POST', 'lamb/v1/lti/configure', form, body);
  if (done.status !== 303) throw new Error('configure: ' + done.status + ' ' + done.body.substring(0, 300));
  for (let i = 1; i <= 4; i++) {
    const consent = await launch(`real-student-${i}`, 'Learner');
    if (!consent.includes('/consent')) throw new Error('expected the consent page: ' + consent);
    if (i === 4) continue; // launched, never consented
    await http('GET', consent);
    const chat = await http('POST', 'lamb/v1/lti/consent', form, 'token=' + encodeURIComponent(tokenOf(consent)));
    if (chat.status !== 303) throw new Error('consent: ' + chat.status);
    const sent = await http(
      'POST',
      'lamb/v1/lti/chat/messages',
      { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer ' + tokenOf(chat.headers.location) },
      JSON.stringify({ assistantId: Number(assistants[(i - 1) % assistants.length]), content: `Question ${i}: why is the sky blue?` }));
    if (sent.status !== 200) throw new Error('chat message: ' + sent.status + ' ' + sent.body.substring(0, 300));
  }
}

/** Runs `total` timed calls of `once` from `clients` concurrent clients; returns the figures. */
async function run(clients, total, once) {
  const latencies = [];
  let next = 0;
  let errors = 0;
  let firstError = null;
  const start = process.hrtime.bigint();
  async function client() {
    for (let i; (i = next++) < total; ) {
      try {
        latencies.push(await once(i));
      } catch (e) {
        errors++;
        firstError ??= e;
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((x, y) => x - y);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { rate: total / seconds, p50: at(0.5), p99: at(0.99), max: at(1), errors, firstError };
}

/** Times one request; throws unless it answers 200 with `expect` in its body. */
async function timed(method, path, headers, expect) {
  const t0 = process.hrtime.bigint();
  const res = await http(method, path, headers);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 200 || !res.body.includes(expect)) {
    throw new Error(`${path}: ${res.status} ${res.body.substring(0, 300)}`);
  }
  return ms;
}

async function measure() {
  const requests = Number(requestsArg);
  const warmup = Number(warmupArg);
  const ids = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
  const bearer = { Authorization: 'Bearer ' + tokenOf(await launch('bench-teacher', 'Instructor')), Accept: 'application/json' };
  const pick = (n) => 1 + Math.floor(Math.random() * n);
  const cases = [
    // The floor: a request that reads nothing (the tool's key set), to tell the VM's load apart.
    ['floor (GET /lti/jwks)', () => timed('GET', 'lti/jwks', {}, '"keys"')],
    // The page after an instructor's launch: a fresh token per GET, as each launch gives one.
    ['page (GET after launch)', async () => {
      const location = await launch('bench-teacher', 'Instructor');
      return timed('GET', location, { Accept: 'text/html' }, 'id="stat-messages"');
    }],
    ['api stats', () => timed('GET', 'lamb/v1/lti/dashboard/stats', bearer, '"messages"')],
    ['api students page 1', () => timed('GET', 'lamb/v1/lti/dashboard/students', bearer, '"items"')],
    ['api students page 1..100', () => timed('GET', `lamb/v1/lti/dashboard/students?page=${pick(100)}`, bearer, '"items"')],
    ['api chats page 1', () => timed('GET', 'lamb/v1/lti/dashboard/chats', bearer, '"items"')],
    ['api chats page 1..100', () => timed('GET', `lamb/v1/lti/dashboard/chats?page=${pick(100)}`, bearer, '"items"')],
    ['api chats/{id}', () => timed('GET', `lamb/v1/lti/dashboard/chats/${ids[pick(ids.length) - 1]}`, bearer, '"messages"')],
  ];
  if (only !== undefined) {
    await measureCase(...cases[Number(only)], requests, warmup);
    return;
  }
  const stats = JSON.parse((await http('GET', 'lamb/v1/lti/dashboard/stats', bearer)).body);
  console.log(`figures shown: ${stats.students} students, ${stats.chats} chats, ${stats.messages} messages, ` +
    `${stats.activeUsers7d} active in 7 days; per assistant ` +
    stats.assistants.map((a) => `${a.chats}/${a.messages}`).join(', '));
  console.log(HEADER);
  if (requests === 0) return;
  for (const [name, once] of cases) await measureCase(name, once, requests, warmup);
}

const HEADER = `${'request'.padEnd(26)} clients  requests      req/s      p50      p99      max  errors`;

async function measureCase(name, once, requests, warmup) {
  const fmt = (x) => x.toFixed(1).padStart(7);
  await run(Math.max(...counts), warmup, once);
  for (const clients of counts) {
    const r = await run(clients, requests, once);
    console.log(
      `${name.padEnd(26)} ${String(clients).padStart(7)} ${String(requests).padStart(9)} ${fmt(r.rate)}  ` +
        `${fmt(r.p50)}  ${fmt(r.p99)}  ${fmt(r.max)}  ${String(r.errors).padStart(6)}` +
        (r.firstError ? `  (${r.firstError.message.substring(0, 120)})` : ''));
  }
}

try {
  if (mode === 'setup') await setup();
  else if (mode === 'measure') await measure();
  else throw new Error('mode: setup or measure');
} finally {
  close();
}
