#!/usr/bin/env node
// `npm run test:repeat -- N [--only integration|e2e] [--no-build] [--resume] [paths...]`: runs the integration suite
// (vitest) and the e2e suite (Playwright, against the built studio) N times each, reads each run's JSON report, and
// prints every test's pass and fail counts and flake rate, then a summary. For hunting flaky tests, not part of CI: a
// clean result is every test passing N of N. Reports are kept under .test-output/repeat/ (one JSON per run, each e2e
// run's screenshots and traces of failures in playwright-<run>/, progress.json and table.md).
// --resume goes on from the runs already recorded there, up to N in all: ten runs take about three hours here, longer
// than one sitting, so they can be spread over several. It refuses when the tree is not the commit the runs so far
// were of (the table would mix two versions of the code).
// Exit status: 0 when every test passed every time, 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const OUT = '.test-output/repeat';
const SUITES = ['integration', 'e2e'];

function usage(message) {
  console.error(`${message}\nUsage: npm run test:repeat -- N [--only integration|e2e] [--no-build] [--resume] [test paths...]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const times = Number(args.shift());
if (!Number.isInteger(times) || times < 1) usage('N must be a whole number of runs, 1 or more.');
let suites = SUITES;
let build = true;
let resume = false;
const paths = [];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--only') {
    const suite = args[++i];
    if (!SUITES.includes(suite)) usage(`--only takes one of ${SUITES.join(', ')}, got "${suite}".`);
    suites = [suite];
  } else if (arg === '--no-build') build = false;
  else if (arg === '--resume') resume = true;
  else if (arg.startsWith('--')) usage(`Unknown option ${arg}.`);
  else paths.push(arg);
}

/** The commit under test, marked dirty when tracked files differ from it (the runs would not be of that commit). */
function treeVersion() {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  return dirty ? `${head}+changes` : head;
}

const PROGRESS = `${OUT}/progress.json`;
const version = treeVersion();
/** What survives between sittings: the version tested, the options, the runs done and those without a report. */
let progress = { version, suites, paths, done: 0, unreported: [] };
if (resume && existsSync(PROGRESS)) {
  const saved = JSON.parse(readFileSync(PROGRESS, 'utf8'));
  if (saved.version !== version) usage(`The runs so far were of ${saved.version}; this tree is ${version}. Check that commit out, or start over without --resume.`);
  if (JSON.stringify([saved.suites, saved.paths]) !== JSON.stringify([suites, paths])) usage(`The runs so far were of ${saved.suites.join(' and ')}${saved.paths.length ? ` (${saved.paths.join(' ')})` : ''}: resume with the same suites and paths.`);
  if (saved.done >= times) usage(`${saved.done} runs are already recorded: ask for more than ${saved.done}.`);
  progress = saved;
} else {
  if (resume) console.log(`Nothing to resume in ${OUT}: starting afresh.`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
}

function run(cmd, cmdArgs, env = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  return spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } }).status;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Test id -> { suite, passed, failed, skipped }. */
const results = new Map();
/** Runs whose report is missing (the runner crashed or was killed): every test of that run counts as not run. */
const unreported = progress.unreported;

function record(suite, id, outcome) {
  const row = results.get(id) ?? { suite, passed: 0, failed: 0, skipped: 0 };
  row[outcome] += 1;
  results.set(id, row);
}

/** vitest's JSON report: files with their assertion results; a file that failed to load has none (counted as a failure). */
function readVitest(report) {
  for (const file of report.testResults ?? []) {
    const name = relative(process.cwd(), file.name);
    const tests = file.assertionResults ?? [];
    if (tests.length === 0 && file.status === 'failed') record('integration', `${name} (file failed to run: ${(file.message ?? '').split('\n')[0].slice(0, 120)})`, 'failed');
    for (const test of tests) {
      const outcome = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
      record('integration', `${name} > ${test.fullName}`, outcome);
    }
  }
}

/** Playwright's JSON report: nested suites of specs, each test with its results (retries included: the last counts). */
function readPlaywright(report) {
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const last = test.results?.at(-1);
        const outcome = test.status === 'skipped' || !last ? 'skipped' : last.status === 'passed' && test.status !== 'flaky' ? 'passed' : 'failed';
        record('e2e', `${spec.file} > ${[...titles, spec.title].join(' > ')}`, outcome);
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith('.ts') ? [...titles, child.title] : titles);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const error of report.errors ?? []) record('e2e', `(run error) ${String(error.message ?? '').split('\n')[0].slice(0, 120)}`, 'failed');
}

if (suites.includes('e2e') && build) {
  // The e2e suite runs against the built studio: build once, before the first run.
  if (run('npm', ['run', 'build']) !== 0) {
    console.error('The build failed: the e2e suite cannot run.');
    process.exit(1);
  }
}

/** Writes the table and the summary for the runs done so far (after every run, so a stopped session keeps them). */
function writeReport(done) {
  // Flaky (passed and failed) first, then always failing, then the rest; by name within each.
  const rank = (r) => (r.passed > 0 && r.failed > 0 ? 0 : r.failed > 0 ? 1 : 2);
  const rows = [...results].sort(([a, x], [b, y]) => rank(x) - rank(y) || a.localeCompare(b));
  const percent = (n, d) => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);
  const lines = [
    `| suite | test | passed | failed | skipped | flake rate |`,
    `| --- | --- | ---: | ---: | ---: | ---: |`,
    ...rows.map(([id, r]) => `| ${r.suite} | ${id.replaceAll('|', '\\|')} | ${r.passed} | ${r.failed} | ${r.skipped} | ${percent(r.failed, r.passed + r.failed)} |`),
  ];
  const flaky = rows.filter(([, r]) => r.passed > 0 && r.failed > 0);
  const failing = rows.filter(([, r]) => r.passed === 0 && r.failed > 0);
  const short = rows.filter(([, r]) => r.passed + r.failed + r.skipped < done);
  const summary = [
    `${done} of ${times} run(s) of ${suites.join(' and ')}: ${rows.length} tests; ${rows.length - flaky.length - failing.length} passed every run, ${flaky.length} flaky, ${failing.length} failed every run` +
      `${short.length ? `, ${short.length} ran fewer than ${done} times` : ''}${unreported.length ? `; no report from: ${unreported.join(', ')}` : ''}.`,
    ...flaky.map(([id, r]) => `flaky: ${id} (${r.failed} of ${r.passed + r.failed} failed)`),
  ];
  writeFileSync(`${OUT}/table.md`, `${lines.join('\n')}\n\n${summary.join('\n')}\n`);
  if (done === times) console.log(`\n${lines.join('\n')}\n\n${summary.join('\n')}\n(also in ${OUT}/table.md)`);
  return flaky.length || failing.length || unreported.length ? 1 : 0;
}

/** Reads run i's reports; returns which of them were there. */
function readRun(i) {
  const vitest = readJson(`${OUT}/vitest-${i}.json`);
  if (vitest) readVitest(vitest);
  const playwright = readJson(resolve(`${OUT}/playwright-${i}.json`));
  if (playwright) readPlaywright(playwright);
  return { integration: Boolean(vitest), e2e: Boolean(playwright) };
}

for (let i = 1; i <= progress.done; i += 1) readRun(i);
if (progress.done > 0) console.log(`Resuming after ${progress.done} recorded run(s) of ${version}.`);

const integrationPaths = paths.filter((p) => !p.includes('tests/e2e'));
const e2ePaths = paths.filter((p) => p.includes('tests/e2e'));
/** Whether a run includes `suite`: asked for, and given paths of its own when paths were given. */
const ranSuite = (suite) => suites.includes(suite) && (paths.length === 0 || (suite === 'e2e' ? e2ePaths : integrationPaths).length > 0);
for (let i = progress.done + 1; i <= times; i += 1) {
  if (ranSuite('integration')) {
    const file = `${OUT}/vitest-${i}.json`;
    console.log(`\n=== integration, run ${i} of ${times}`);
    run('npx', ['vitest', 'run', ...(integrationPaths.length ? integrationPaths : ['tests/integration']), '--reporter=dot', '--reporter=json', `--outputFile.json=${file}`]);
  }
  if (ranSuite('e2e')) {
    const file = resolve(`${OUT}/playwright-${i}.json`);
    console.log(`\n=== e2e, run ${i} of ${times}`);
    run('npx', ['playwright', 'test', ...e2ePaths, '--reporter=dot,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file, ANCHOR_PLAYWRIGHT_OUTPUT: resolve(`${OUT}/playwright-${i}`) });
  }
  const reported = readRun(i);
  for (const suite of suites) if (ranSuite(suite) && !reported[suite]) unreported.push(`${suite} run ${i}`);
  progress.done = i;
  writeFileSync(PROGRESS, `${JSON.stringify(progress, null, 2)}\n`);
  const status = writeReport(i);
  if (i === times) process.exit(status);
  console.log(`\n${readFileSync(`${OUT}/table.md`, "utf8").split("\n\n").at(-1).trim()}\n(table so far in ${OUT}/table.md)`);
}


