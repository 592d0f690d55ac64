// LTI 1.3 launch load generator in Node (bench/run13.sh, the default driver): the same full
// launches as Lti13LaunchBench.java, with the platform's RS256 signatures made by OpenSSL (Node's
// crypto) and a keep-alive HTTP/1.1 client on raw sockets (lti-client.mjs), so that the generator
// takes a smaller share of the two cores than a JVM does. No npm packages: only Node's own modules.
// What it does per launch is kept lean (one-shot signing, the claims' constant JSON written once,
// the login's redirect read by string search), as its CPU is taken from the server's cores.
//
// One "full launch" is what a browser does: GET /lti13/login (302 to the platform, binding
// cookie), the platform signs an id_token for that login's nonce, POST /lti13/launch with
// id_token, state and cookie (303), GET of the landing page (the student's chat). The platform's
// JWKS is served from this process; LTI Bridge fetches it once and keeps it.
//
// Usage: node bench/lti13-launches.mjs BASE_URL CLIENTS mix WARMUP_SECONDS PHASE_SECONDS SETUP_FILE
//   the class mix (class-mix.mjs; bench/run13.sh's default): instructors too, each launch
//   followed to its page; phases marked SETUP_FILE.1 .. SETUP_FILE.3 (.done when they end)
// or:    node bench/lti13-launches.mjs BASE_URL CLIENTS WARMUP LAUNCHES SETUP_FILE
//   returning learners only (DRIVER=node bench/run13.sh)
// SETUP_FILE receives "issuer client_id deployment_id" once the keyset is served and is deleted by
// run13.sh when the platform is registered; SETUP_FILE.measuring and SETUP_FILE.measured are
// created when the measured launches start and end (the generator waits for run13.sh to delete
// the latter, so that its CPU time can still be read).
import { createServer } from 'node:http';
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';
import { writeFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpClient, configureAfter, landedOn } from './lti-client.mjs';
import { classMix } from './class-mix.mjs';

const mix = process.argv[4] === 'mix';
const [baseArg, clientsArg, warmupArg, launchesArg, setupFile] = mix
  ? [...process.argv.slice(2, 4), ...process.argv.slice(5)]
  : process.argv.slice(2);
const base = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
const clients = Number(clientsArg);
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const CLIENT_ID = 'bench-client';
const DEPLOYMENT = 'bench-deployment';
const { http, close } = httpClient(base, clients);

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'bench-' + randomUUID();
const jwks = JSON.stringify({
  keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
});
let jwksFetches = 0;
const platform = createServer((req, res) => {
  jwksFetches++;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(jwks);
});
await new Promise((resolve) => platform.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${platform.address().port}`;


const b64url = (s) => Buffer.from(s).toString('base64url');
const header = b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }));
const J = JSON.stringify;
// The id_token's claims are written as JSON text: the constant members once, the rest per launch
// (the same members in the same order as JSON.stringify of the claims object would give).
const claimsStart = `{"iss":${J(issuer)},"aud":${J(CLIENT_ID)},"sub":`;
const claimsTails = new Map();
/** The members after "email" for a placement and role (the LTI claims), with the closing brace. */
function claimsTail(placement, role) {
  const key = placement + ' ' + role;
  let tail = claimsTails.get(key);
  if (tail === undefined) {
    tail = J({
      [LTI + 'message_type']: 'LtiResourceLinkRequest',
      [LTI + 'version']: '1.3.0',
      [LTI + 'deployment_id']: DEPLOYMENT,
      [LTI + 'target_link_uri']: base + 'lamb/v1/lti/launch',
      [LTI + 'resource_link']: { id: placement },
      [LTI + 'roles']: ['http://purl.imsglobal.org/vocab/lis/v2/membership#' + role],
      [LTI + 'context']: { id: 'course-' + placement, title: 'Benchmark 101' },
    }).substring(1);
    claimsTails.set(key, tail);
  }
  return tail;
}

/** The platform's id_token for a login's nonce (RS256, OpenSSL). */
function idToken(nonce, user, placement, role) {
  const now = Math.floor(Date.now() / 1000);
  const email = role === 'Instructor' ? 'demo-instructor@example.edu' : user + '@example.edu';
  const claims =
    claimsStart + J(user) + ',"iat":' + now + ',"exp":' + (now + 300) + ',"nonce":' + J(nonce) +
    ',"name":' + J('Bench ' + user) + ',"email":' + J(email) + ',' + claimsTail(placement, role);
  const signingInput = header + '.' + b64url(claims);
  const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
  return signingInput + '.' + signature;
}

const enc = encodeURIComponent;
// The login request's URL, but for its login_hint (a fresh UUID per login).
const loginStart = `lti13/login?iss=${enc(issuer)}&login_hint=`;
const loginEnd = `&target_link_uri=${enc(base + 'lamb/v1/lti/launch')}&client_id=${CLIENT_ID}`;

/**
 * The first value of a query parameter of a URL, decoded as URLSearchParams does ('+' a space),
 * or null: what new URL(url).searchParams.get(name) gives, by a plain string search.
 */
function queryParam(url, name) {
  const query = url.indexOf('?');
  if (query < 0) return null;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const key = name + '=';
  for (let at = query + 1; at < end; ) {
    let next = url.indexOf('&', at);
    if (next < 0 || next > end) next = end;
    if (url.startsWith(key, at)) {
      const value = url.substring(at + key.length, next);
      return decodeURIComponent(value.includes('+') ? value.replaceAll('+', ' ') : value);
    }
    if (next - at === name.length && url.startsWith(name, at)) return ''; // "name" with no "="
    at = next + 1;
  }
  return null;
}

/** Whether a launch's Location is the chat page: new URL(location, base).pathname, by string. */
const chatPath = '/lamb/v1/lti/chat';
function isChat(location) {
  const path = location.startsWith(base.origin + '/') ? location.substring(base.origin.length) : location;
  if (!path.startsWith('/') || path.startsWith('//')) return new URL(location, base).pathname === chatPath;
  return path.startsWith(chatPath) && (path.length === chatPath.length || '?#'.includes(path[chatPath.length]));
}

/** Login and launch; returns the launch's response and the time spent signing (ns). */
async function loginAndLaunch(user, placement, role, steps) {
  const t0 = process.hrtime.bigint();
  const login = await http('GET', loginStart + randomUUID() + loginEnd);
  const t1 = process.hrtime.bigint();
  if (login.status !== 302) throw new Error('login: ' + login.status + ' ' + login.body);
  const auth = login.headers.location;
  const setCookie = login.headers['set-cookie'][0];
  const cookie = setCookie.substring(0, setCookie.indexOf(';'));
  const token = idToken(queryParam(auth, 'nonce'), user, placement, role);
  const t2 = process.hrtime.bigint();
  const launch = await http(
    'POST',
    'lti13/launch',
    { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    `id_token=${token}&state=${enc(queryParam(auth, 'state'))}`);
  const t3 = process.hrtime.bigint();
  if (steps) {
    steps.login = t1 - t0;
    steps.signing = t2 - t1;
    steps.launch = t3 - t2;
  }
  return launch;
}

/** The demo instructor configures the placement with the first published assistant. */
async function configure(placement) {
  await configureAfter(await loginAndLaunch('bench-teacher', placement, 'Instructor'), http, base);
}

const pct = (sorted, p) => Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]) / 1e6;

async function run(label, total, students, placement, print) {
  const latencies = [];
  const signing = [];
  const steps = { login: [], launch: [], page: [] };
  let next = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  async function client() {
    for (let i; (i = next++) < total; ) {
      const s = {};
      const t0 = process.hrtime.bigint();
      let ok = false;
      try {
        const launch = await loginAndLaunch(students[i % students.length], placement, 'Learner', s);
        if (launch.status === 303 && isChat(launch.headers.location)) {
          const g0 = process.hrtime.bigint();
          const page = await http('GET', launch.headers.location);
          steps.page.push(process.hrtime.bigint() - g0);
          // The chat page itself, with its assistant: not an error page answered 200.
          ok = page.status === 200 && page.body.includes('id="chat"') && page.body.includes('<option value="');
        }
      } catch (e) {
        ok = false;
      }
      latencies.push(process.hrtime.bigint() - t0 - (s.signing ?? 0n));
      signing.push(s.signing ?? 0n);
      if (s.login !== undefined) steps.login.push(s.login);
      if (s.launch !== undefined) steps.launch.push(s.launch);
      if (!ok) errors++;
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sort = (a) => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  [latencies, signing, steps.login, steps.launch, steps.page].forEach(sort);
  if (print) {
    const fmt = (n) => n.toLocaleString('en-US');
    console.log(
      `${label.padEnd(24)} ${fmt(total).padStart(8)} launches  ${fmt(Math.round(total / seconds)).padStart(8)} launches/s` +
        `  p50 ${pct(latencies, 0.5).toFixed(2).padStart(6)} ms  p99 ${pct(latencies, 0.99).toFixed(2).padStart(6)} ms` +
        `  max ${pct(latencies, 1).toFixed(2).padStart(7)} ms  errors ${errors}` +
        `  (platform signing, not counted: p50 ${pct(signing, 0.5).toFixed(2)} ms)`);
    console.log(
      `  per step p50/p99: login ${pct(steps.login, 0.5).toFixed(2)}/${pct(steps.login, 0.99).toFixed(2)} ms,` +
        ` launch ${pct(steps.launch, 0.5).toFixed(2)}/${pct(steps.launch, 0.99).toFixed(2)} ms,` +
        ` landing page ${pct(steps.page, 0.5).toFixed(2)}/${pct(steps.page, 0.99).toFixed(2)} ms`);
    if (errors > 0) throw new Error(errors + ' launches failed');
  }
}

writeFileSync(setupFile, `${issuer} ${CLIENT_ID} ${DEPLOYMENT}\n`);
while (existsSync(setupFile)) await sleep(200); // run13.sh registers the platform, then deletes it

if (mix) {
  /** A new course: its placement, set up by the demo instructor. */
  const newCourse = async () => {
    const placement = 'bench13-' + randomUUID();
    await configure(placement);
    return placement;
  };
  // One user action: login, launch, GET of the page; the platform's signing is not counted.
  const act = async (user) => {
    const s = {};
    const t0 = process.hrtime.bigint();
    const launch = await loginAndLaunch(user.id, user.course, user.instructor ? 'Instructor' : 'Learner', s);
    if (launch.status !== 303) return { ok: false, why: `launch answered ${launch.status}` };
    if (!user.follow) {
      return { ok: launch.headers.location.includes('/lamb/v1/lti/dashboard?'), ns: process.hrtime.bigint() - t0 - s.signing };
    }
    const page = await http('GET', launch.headers.location);
    const ns = process.hrtime.bigint() - t0 - s.signing;
    return { ok: landedOn(launch.headers.location, page, user.instructor), ns };
  };
  const errors = await classMix({
    dashboards: process.env.DASHBOARDS !== '0',
    clients, warmupSeconds: Number(warmupArg), phaseSeconds: Number(launchesArg), marks: setupFile, act, newCourse,
    classSize: Number(process.env.CLASS_SIZE ?? 500),
    label: 'LTI 1.3 launches (login, id_token POST, GET of the page; platform signing not counted)',
  });
  console.log(`platform keyset fetched ${jwksFetches} time(s) in all`);
  close();
  platform.close();
  process.exit(errors > 0 ? 1 : 0);
}
const placement = 'bench13-' + randomUUID();
await configure(placement);
const students = Array.from({ length: 200 }, (_, i) => `student-${i}-${randomUUID().substring(0, 6)}`);
await run('warm-up', Number(warmupArg), students, placement, false);
writeFileSync(setupFile + '.measuring', '');
await run('full LTI 1.3 launches', Number(launchesArg), students, placement, true);
writeFileSync(setupFile + '.measured', '');
// run13.sh reads this process's CPU time, then deletes the file: stay until then.
for (let i = 0; i < 100 && existsSync(setupFile + '.measured'); i++) await sleep(100);
console.log(`platform keyset fetched ${jwksFetches} time(s) in all`);
close();
platform.close();
