// The class mix both launch benches run by default (bench/run.sh, bench/run13.sh): launches as a
// class makes them, each followed to the page it lands on and timed as one user action.
//
// - Learners belong to courses of CLASS_SIZE (500 by default: a lecture hall), each its own LMS
//   course and placement, set up by its instructor (a launch and the choice of an assistant) when
//   the course before it is full. CLASS_SIZE=0 puts every learner in one course, as the benches
//   did until 2026-12-04 (it grows to tens of thousands, which no class does).
// - One launch in ten is an instructor's (who lands on the dashboard of a course, taken as a
//   learner's course is: the courses have one size, so each alike), the others are learners' (who
//   land on their chat, or on the consent page when transcript review is on).
// - A learner is either first-time (never launched this activity: their identity, pseudonym and
//   first page token are created) or returning (launched it before). The two are measured in
//   phases of their own, as a class arrives for the first time and comes back later.
// - A warm-up (180 s by default) runs the same mix, first-time and returning learners alternating,
//   and is not reported. A class arrives at a server that has been up for hours; after 60 s the
//   JIT was still compiling Payara's and our request paths, 30 % of the server's CPU in the lines
//   that followed (async-profiler, bench/README.md).
// - DASHBOARDS=0 stops instructors' launches at their 303 (the dashboard page not fetched): what the
//   dashboard costs is then the difference.
// - Two last phases repeat the returning and the first-time learners without instructors: the
//   learners-only figure the benches reported before the mix, and what a first-time learner's
//   launch costs against a returning one's (issue #18: at most twice).
//
// The driver (lti11-launches.mjs, lti13-launches.mjs) supplies `newCourse()`, which sets up a new
// course and resolves to its placement, and `act(user)`, one user action: { id, course,
// instructor, follow } in (follow: fetch the page), { ok, ns } out, `ns` the latency to count (the
// LTI 1.3 driver leaves the platform's signing out, as a real platform signs elsewhere). Each phase
// creates MARKS.N when it starts and MARKS.N.done when it ends, and waits for the script to delete
// the latter (it reads the CPU times of the server, PostgreSQL and this generator in between).
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
export async function classMix({ clients, warmupSeconds, phaseSeconds, marks, act, newCourse, classSize, label, dashboards = true }) {
  const tag = randomUUID().substring(0, 8);
  let created = 0;
  const known = []; // learners whose first launch succeeded: { id, course }
  let course = { placement: await newCourse(), learners: 0 }; // the course new learners join
  let courses = 1;
  let opening = null; // the next course while it is being set up
  /** A learner launching for the first time, in the course filling now (a new one when it is full). */
  async function newLearner() {
    while (classSize > 0 && course.learners >= classSize) {
      opening ??= newCourse().then((placement) => {
        course = { placement, learners: 0 };
        courses++;
        opening = null;
      });
      await opening;
    }
    course.learners++;
    return { id: `learner-${tag}-${created++}`, course: course.placement };
  }
  const anyKnown = () => known[Math.floor(Math.random() * known.length)];
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
          const at = known.length > 0 ? anyKnown().course : course.placement;
          user = { id: INSTRUCTORS[turn % INSTRUCTORS.length], course: at, instructor: true, follow: dashboards };
        } else {
          kind = kindOf(learnerLaunches++);
          if (kind === 'returning' && known.length === 0) kind = 'first';
          const learner = kind === 'first' ? await newLearner() : anyKnown();
          user = { ...learner, instructor: false, follow: true };
        }
        let result;
        try {
          result = await act(user);
        } catch (e) {
          result = { ok: false, ns: 0n, error: e };
        }
        if (result.ok) {
          lat[kind].push(result.ns);
          if (kind === 'first') known.push({ id: user.id, course: user.course });
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
  const size = classSize > 0 ? `courses of ${fmt(classSize)} learners` : 'one course for every learner';
  console.log(`${label}, ${clients} clients, ${size}; warm-up ${warmupSeconds} s (${fmt(created)} learners created), then ${phaseSeconds} s per line:`);
  let errors = 0;
  // The class arrives: every learner new.
  errors += await measured(1, 'class, first-time learners', ['first', 'instructor'], () => phase(phaseSeconds, () => 'first', true));
  // The class comes back: every learner known.
  errors += await measured(2, 'class, returning learners', ['returning', 'instructor'], () => phase(phaseSeconds, () => 'returning', true));
  // The learners-only figures: what a first-time learner's launch costs against a returning one's.
  errors += await measured(3, 'learners only, returning', ['returning'], () => phase(phaseSeconds, () => 'returning', false));
  errors += await measured(4, 'learners only, first-time', ['first'], () => phase(phaseSeconds, () => 'first', false));
  console.log(`${fmt(created)} learners in ${fmt(courses)} course(s) in all`);
  return errors;
}

async function waitForScript(file) {
  for (let i = 0; i < 100 && existsSync(file); i++) await sleep(50);
}
