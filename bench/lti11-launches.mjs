// LTI 1.1 launch load generator in Node (DRIVER=node bench/run.sh): returning-student launches,
// each signed on the fly (OAuth 1.0a HMAC-SHA1, RFC 5849, with Node's crypto) and posted over a
// keep-alive HTTP/1.1 client, so that the generator's signing is part of the run but costs the two
// cores far less than a JVM generator does. No npm packages: only Node's own modules.
//
// Usage: node bench/lti11-launches.mjs BASE_URL KEY SECRET CLIENTS mix WARMUP_SECONDS PHASE_SECONDS MARKS
//   the class mix (class-mix.mjs; bench/run.sh's default): every launch followed to its page
// or:    node bench/lti11-launches.mjs BASE_URL KEY SECRET CLIENTS WARMUP LAUNCHES ROUNDS MARKS
//   returning learners only, the launch POST alone (DRIVER=node bench/run.sh):
// Configures a placement through the setup flow, warms up with WARMUP launches, then runs ROUNDS
// rounds of LAUNCHES launches, printing a line per round. MARKS is a path prefix: MARKS.N is
// created when round N starts and MARKS.N.done when it ends (run.sh takes CPU figures between
// them and deletes the latter, which the generator waits for).
import { randomUUID } from 'node:crypto';
import { writeFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpClient, configureAfter, landedOn, signedLaunch } from './lti-client.mjs';
import { classMix } from './class-mix.mjs';

const [baseArg, key, secret, clientsArg, warmupArg, launchesArg, roundsArg, marks] = process.argv.slice(2);
const base = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
const launchUrl = base + 'lamb/v1/lti/launch';
const clients = Number(clientsArg);
const { http, close } = httpClient(base, clients);
const GUID = 'bench-' + randomUUID();


/** A signed launch form body (RFC 5849 §3.4: base string, HMAC-SHA1 with "secret&"). */
function launchBody(user, placement, roles) {
  const p = {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: placement,
    context_id: 'course-' + placement,
    context_title: 'Benchmark 101',
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
const post = (body) => http('POST', 'lamb/v1/lti/launch', form, body);

/** The demo instructor configures the placement with the first published assistant. */
async function configure(placement) {
  await configureAfter(await post(launchBody('bench-teacher', placement, 'Instructor')), http, base);
}

async function run(label, total, students, placement, print) {
  const latencies = [];
  let next = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  async function client() {
    for (let i; (i = next++) < total; ) {
      const body = launchBody(students[i % students.length], placement, 'Learner');
      const t0 = process.hrtime.bigint();
      let status = 0;
      try {
        status = (await post(body)).status;
      } catch (e) {
        status = 0;
      }
      latencies.push(process.hrtime.bigint() - t0);
      if (status !== 303) errors++;
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const at = (p) => (Number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]) / 1e6).toFixed(2);
  if (print) {
    const fmt = (n) => n.toLocaleString('en-US');
    console.log(
      `${label.padEnd(28)} ${fmt(total).padStart(8)} launches  ${fmt(Math.round(total / seconds)).padStart(8)} launches/s` +
        `  p50 ${at(0.5).padStart(6)} ms  p99 ${at(0.99).padStart(6)} ms  max ${at(1).padStart(7)} ms  errors ${errors}`);
    if (errors > 0) throw new Error(errors + ' launches were not answered with 303');
  }
}

if (warmupArg === 'mix') {
  /** A new course: its placement, set up by the demo instructor. */
  const newCourse = async () => {
    const placement = 'bench-' + randomUUID();
    await configure(placement);
    return placement;
  };
  // One user action: the signed launch and the GET of the page it redirects to.
  const act = async (user) => {
    const body = launchBody(user.id, user.course, user.instructor ? 'Instructor' : 'Learner');
    const t0 = process.hrtime.bigint();
    const launch = await post(body);
    if (launch.status !== 303) return { ok: false, why: `launch answered ${launch.status}` };
    if (!user.follow) {
      return { ok: launch.headers.location.includes('/lamb/v1/lti/dashboard?'), ns: process.hrtime.bigint() - t0 };
    }
    const page = await http('GET', launch.headers.location);
    const ns = process.hrtime.bigint() - t0;
    return { ok: landedOn(launch.headers.location, page, user.instructor), ns };
  };
  const errors = await classMix({
    dashboards: process.env.DASHBOARDS !== '0',
    clients, warmupSeconds: Number(launchesArg), phaseSeconds: Number(roundsArg), marks, act, newCourse,
    classSize: Number(process.env.CLASS_SIZE ?? 500),
    label: 'LTI 1.1 launches (signed POST, 303, GET of the page)',
  });
  close();
  process.exit(errors > 0 ? 1 : 0);
}
const placement = 'bench-' + randomUUID();
await configure(placement);
const students = Array.from({ length: 200 }, (_, i) => `student-${i}-${randomUUID().substring(0, 6)}`);
await run('warm-up', Number(warmupArg), students, placement, false);
for (let r = 1; r <= Number(roundsArg); r++) {
  writeFileSync(`${marks}.${r}`, '');
  await run(`round ${r} returning students`, Number(launchesArg), students, placement, true);
  writeFileSync(`${marks}.${r}.done`, '');
  for (let i = 0; i < 100 && existsSync(`${marks}.${r}.done`); i++) await sleep(50);
}
close();
