// The class mix both launch benches run by default (bench/run.sh, bench/run13.sh): launches as a
// class makes them, each followed to the page it lands on and timed as one user action.
//
// - One launch in ten is an instructor's (who lands on the activity's dashboard), the others are
//   learners' (who land on their chat, or on the consent page when transcript review is on).
// - A learner is either first-time (never launched this activity: their identity, pseudonym and
//   first page token are created) or returning (launched it before). The two are measured in
//   phases of their own, as a class arrives for the first time and comes back later.
// - A warm-up of at least a minute (the JIT is still compiling the server's request paths after
//   tens of thousands of launches) runs the same mix, first-time and returning learners
//   alternating, and is not reported.
// - DASHBOARDS=0 stops instructors' launches at their 303 (the dashboard page not fetched): what the
//   dashboard costs is then the difference.
// - Two last phases repeat the returning and the first-time learners without instructors: the
//   learners-only figure the benches reported before the mix, and what a first-time learner's
//   launch costs against a returning one's (issue #18: at most twice).
//
// The driver (lti11-launches.mjs, lti13-launches.mjs) supplies `act(user)`, one user action:
// { id, instructor, follow } in (follow: fetch the page), { ok, ns } out, `ns` the latency to count (the LTI 1.3 driver leaves the
// platform's signing out, as a real platform signs elsewhere). Each phase creates MARKS.N when it
// starts and MARKS.N.done when it ends, and waits for the script to delete the latter (it reads
// the CPU times of the server, PostgreSQL and this generator in between).
import { writeFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';

/** The demo instructor and two colleagues: all teach the course, all land on the dashboard. */
export const INSTRUCTORS = ['bench-teacher', 'bench-teacher-2', 'bench-teacher-3'];

const pct = (sorted, p) =>
  sorted.length === 0 ? NaN : Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]) / 1e6;
const sortAll = (a) => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms = (x) => (Number.isNaN(x) ? '-' : x.toFixed(1));

/**
 * Runs the warm-up and the four measured phases with `clients` concurrent users.
 * @returns the number of failed user actions in the measured phases
 */
export async function classMix({ clients, warmupSeconds, phaseSeconds, marks, act, label, dashboards = true }) {
  const tag = randomUUID().substring(0, 8);
  let created = 0;
  const known = []; // learners whose first launch succeeded
  const newLearner = () => `learner-${tag}-${created++}`;
  let turn = 0; // instructors' turns: every tenth launch, from any client

  /** One phase: `pick(i)` names the learner of the i-th learner launch; null ends early. */
  async function phase(seconds, kindOf, instructors) {
    const lat = { first: [], returning: [], instructor: [] };
    const errors = { first: 0, returning: 0, instructor: 0 };
    let learnerLaunches = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    async function client() {
      while (process.hrtime.bigint() < end) {
        let kind;
        let user;
        if (instructors && turn++ % 10 === 9) {
          kind = 'instructor';
          user = { id: INSTRUCTORS[turn % INSTRUCTORS.length], instructor: true, follow: dashboards };
        } else {
          kind = kindOf(learnerLaunches++);
          if (kind === 'returning' && known.length === 0) kind = 'first';
          const id = kind === 'first' ? newLearner() : known[Math.floor(Math.random() * known.length)];
          user = { id, instructor: false, follow: true };
        }
        let result;
        try {
          result = await act(user);
        } catch (e) {
          result = { ok: false, ns: 0n, error: e };
        }
        if (result.ok) {
          lat[kind].push(result.ns);
          if (kind === 'first') known.push(user.id);
        } else {
          if (errors[kind]++ === 0) console.error(`${kind} launch failed: ${result.error?.message ?? result.why ?? 'wrong page'}`);
        }
      }
    }
    await Promise.all(Array.from({ length: clients }, client));
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    Object.values(lat).forEach(sortAll);
    return { lat, errors, s };
  }

  function line(name, kinds, r) {
    const all = sortAll(kinds.flatMap((k) => r.lat[k]));
    const errs = kinds.reduce((n, k) => n + r.errors[k], 0);
    let text =
      `${name.padEnd(30)} ${fmt(all.length / r.s).padStart(6)} launches/s  p50 ${ms(pct(all, 0.5)).padStart(5)} ms` +
      `  p99 ${ms(pct(all, 0.99)).padStart(6)} ms  max ${ms(pct(all, 1)).padStart(7)} ms  errors ${errs}`;
    for (const k of kinds.length > 1 ? kinds : []) {
      const l = r.lat[k];
      text += `\n    ${(k === 'instructor' ? 'instructors (dashboard)' : k === 'first' ? 'first-time learners' : 'returning learners').padEnd(26)}` +
        ` ${fmt(l.length / r.s).padStart(6)} launches/s  p50 ${ms(pct(l, 0.5)).padStart(5)} ms  p99 ${ms(pct(l, 0.99)).padStart(6)} ms`;
    }
    console.log(text);
    return errs;
  }

  /** A measured phase: its line printed, then MARKS.N.done written with its count of launches. */
  async function measured(n, name, kinds, run) {
    writeFileSync(`${marks}.${n}`, '');
    const r = await run();
    const errs = line(name, kinds, r);
    const count = kinds.reduce((c, k) => c + r.lat[k].length + r.errors[k], 0);
    writeFileSync(`${marks}.${n}.done`, String(count));
    await waitForScript(`${marks}.${n}.done`);
    return errs;
  }

  // Warm-up: the mix, first-time and returning learners alternating.
  await phase(warmupSeconds, (i) => (i % 2 === 0 ? 'first' : 'returning'), true);
  if (!dashboards) label += ' (DASHBOARDS=0: instructors\' launches not followed to the dashboard)';
  console.log(`${label}, ${clients} clients; warm-up ${warmupSeconds} s (${fmt(created)} learners created), then ${phaseSeconds} s per line:`);
  let errors = 0;
  // The class arrives: every learner new.
  errors += await measured(1, 'class, first-time learners', ['first', 'instructor'], () => phase(phaseSeconds, () => 'first', true));
  // The class comes back: every learner known.
  errors += await measured(2, 'class, returning learners', ['returning', 'instructor'], () => phase(phaseSeconds, () => 'returning', true));
  // The learners-only figures: what a first-time learner's launch costs against a returning one's.
  errors += await measured(3, 'learners only, returning', ['returning'], () => phase(phaseSeconds, () => 'returning', false));
  errors += await measured(4, 'learners only, first-time', ['first'], () => phase(phaseSeconds, () => 'first', false));
  return errors;
}

async function waitForScript(file) {
  for (let i = 0; i < 100 && existsSync(file); i++) await sleep(50);
}
