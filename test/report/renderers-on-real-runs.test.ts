// The three report renderers on journals of REAL simulated drills (passing, failing with the
// drain-restarts-vms regression, aborted): JSON round-trips, JUnit follows the contract and the schema,
// HTML is self-contained and marks the missed expectation.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExpectationRecord, RunJournal } from '../../src/engine/journal.js';
import { renderHtml } from '../../src/report/html/html-report.js';
import { parseJournal, renderJson } from '../../src/report/journal-json.js';
import { renderJunit } from '../../src/report/junit.js';
import { scratch } from '../e2e/drill-cli.js';
import { realRun, type RealRun } from './real-runs.js';

const xsd = path.resolve(import.meta.dirname, '..', 'fixtures', 'junit', 'junit-10.xsd');
const xmllint = '/usr/bin/xmllint';
const hasXmllint = fs.existsSync(xmllint);

/** xmllint's complaint about the document against junit-10.xsd, or '' when it is valid. */
function schemaErrors(xml: string): string {
  const file = path.join(scratch('drill-junit-real-'), 'report.xml');
  fs.writeFileSync(file, xml);
  const result = spawnSync(xmllint, ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  return result.status === 0 ? '' : `${result.stderr}${result.stdout}`;
}

/** Attribute maps of every `<tag ...>` (enough structure for assertions without an XML library). */
function attributes(xml: string, tag: string): Record<string, string>[] {
  const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/(\w[\w.-]*)="([^"]*)"/g)].map((a) => [a[1] ?? '', unescape(a[2] ?? '')])),
  );
}

/** Each `<testcase>` element whole, so a case's children can be checked with its name. */
function testcases(xml: string): { name: string; body: string }[] {
  return [...xml.matchAll(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g)].map((m) => ({ name: attributes(m[0], 'testcase')[0]?.name ?? '', body: m[0] }));
}

/** The case names the contract asks for: `<step name> › <expectation>` for every step expectation. */
function expectedStepCaseNames(journal: RunJournal): string[] {
  return journal.steps.flatMap((s) => s.expectations.map((e) => `${s.name} › ${e.text}`));
}

function allExpectations(journal: RunJournal): ExpectationRecord[] {
  return [...journal.steadyState.before, ...journal.steps.flatMap((s) => s.expectations), ...journal.steadyState.after];
}

let passing: RealRun;
let failing: RealRun;
let aborted: RealRun;

beforeAll(() => {
  passing = realRun('passing');
  failing = realRun('failing');
  aborted = realRun('aborted');
});

describe('the real runs are what the tests below assume', () => {
  it('passing, failing (drain restarts a VM) and aborted, with the documented exit statuses', () => {
    expect([passing.journal.verdict, passing.status]).toEqual(['pass', 0]);
    expect([failing.journal.verdict, failing.status]).toEqual(['fail', 1]);
    expect([aborted.journal.verdict, aborted.status]).toEqual(['aborted', 3]);
  });
});

describe('renderJson on real runs', () => {
  it('round-trips through parseJournal for each run', () => {
    for (const run of [passing, failing, aborted]) {
      const text = renderJson(run.journal);
      expect(parseJournal(text, run.jsonPath)).toEqual(run.journal);
      expect(renderJson(parseJournal(text, run.jsonPath))).toBe(text);
    }
  });

  it('holds the same data as what `drill run --json` wrote, top-level keys in the documented order', () => {
    for (const run of [passing, failing, aborted]) {
      const written = fs.readFileSync(run.jsonPath, 'utf8');
      const rendered = renderJson(run.journal);
      expect(JSON.parse(rendered)).toEqual(JSON.parse(written));
      expect(Object.keys(JSON.parse(rendered) as object)).toEqual(Object.keys(JSON.parse(written) as object));
      expect(rendered.endsWith('}\n')).toBe(true);
    }
  });
});

describe('renderJunit on real runs', () => {
  it('is valid against junit-10.xsd (one run and all three together)', (ctx) => {
    if (!hasXmllint) ctx.skip('xmllint is missing (/usr/bin/xmllint): install libxml2-utils to validate JUnit against the schema');
    for (const run of [passing, failing, aborted]) expect(schemaErrors(renderJunit(run.journal)), run.name).toBe('');
    expect(schemaErrors(renderJunit([passing.journal, failing.journal, aborted.journal]))).toBe('');
  });

  it('one <testsuite> per runbook, in order, with totals that add up', () => {
    const xml = renderJunit([passing.journal, failing.journal, aborted.journal]);
    const suites = attributes(xml, 'testsuite');
    expect(suites.map((s) => s.name)).toEqual(['quarantine-drain-clear', 'quarantine-drain-clear', 'crash-aborts']);
    const total = attributes(xml, 'testsuites')[0];
    expect(Number(total?.tests)).toBe(testcases(xml).length);
    expect(Number(total?.failures)).toBe(suites.reduce((n, s) => n + Number(s.failures), 0));
  });

  it('one <testcase> per expectation per repetition, named `<step name> › <expectation>`', () => {
    for (const run of [passing, failing]) {
      const cases = testcases(renderJunit(run.journal));
      expect(cases).toHaveLength(allExpectations(run.journal).length);
      const names = cases.map((c) => c.name);
      for (const name of expectedStepCaseNames(run.journal)) expect(names).toContain(name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('the failing run: one <failure> on the drain, naming the window', () => {
    const xml = renderJunit(failing.journal);
    const missed = failing.journal.steps.flatMap((s) => s.expectations.map((e) => ({ step: s, e }))).filter((x) => x.e.verdict === 'fail');
    expect(missed).toHaveLength(1);
    const { step, e } = missed[0] ?? { step: undefined, e: undefined };
    expect(e?.text).toContain('drained live');
    const failed = testcases(xml).filter((c) => c.body.includes('<failure'));
    expect(failed.map((c) => c.name)).toEqual([`${step?.name} › ${e?.text}`]);
    const failure = attributes(xml, 'failure')[0];
    expect(failure?.type).toBe('drained');
    expect(failure?.message).toMatch(/window within 10m \(10m\) \(\+2m10s to \+12m10s of the run\)/);
    expect(failure?.message).toMatch(/last seen false at \+\d/);
  });

  it('the failing run: the <failure> message says what was observed (a VM restarted on its way off)', () => {
    const e = failing.journal.steps.flatMap((s) => s.expectations).find((x) => x.verdict === 'fail');
    // The engine recorded why the drain failed; the contract's message must carry it, not only "never reached".
    expect(e?.reason).toMatch(/VM\d+ was restarted/);
    const failure = attributes(renderJunit(failing.journal), 'failure')[0];
    expect(failure?.message).toMatch(/VM\d+ was restarted/);
  });

  it('the failing run: the skipped step\'s expectation is a <skipped/> case', () => {
    const xml = renderJunit(failing.journal);
    const skippedStep = failing.journal.steps.find((s) => s.status === 'skipped');
    expect(skippedStep?.name).toBe('clearing quarantine brings the node back');
    const cases = testcases(xml).filter((c) => c.name.startsWith(`${skippedStep?.name} › `));
    expect(cases).toHaveLength(skippedStep?.expectations.length ?? -1);
    for (const c of cases) expect(c.body).toMatch(/<skipped\b[^>]*\/>/);
    expect(attributes(xml, 'testsuite')[0]).toMatchObject({ failures: '1', skipped: String(cases.length), errors: '0' });
  });

  it('the aborted run: its expectation case plus an <error> case saying why it stopped', () => {
    const xml = renderJunit(aborted.journal);
    const cases = testcases(xml);
    expect(cases.map((c) => c.name)).toEqual(['crash the cluster service › node $victim becomes Isolated within 2m', 'run › aborted']);
    expect(cases[0]?.body).not.toMatch(/<(failure|error|skipped)\b/);
    const error = attributes(xml, 'error')[0];
    expect(error?.type).toBe('aborted');
    expect(error?.message).toContain("stop condition 'nodes all { count: { not: Up, above: 0 } }' held");
    expect(attributes(xml, 'testsuite')[0]).toMatchObject({ tests: '2', failures: '0', errors: '1' });
  });

  it('the passing run: no failure, error or skipped element', () => {
    expect(renderJunit(passing.journal)).not.toMatch(/<(failure|error|skipped)\b/);
  });
});

describe('renderHtml on real runs', () => {
  it('is self-contained: no script, nothing fetched, no URL but the SVG namespace', () => {
    for (const run of [passing, failing, aborted]) {
      const html = renderHtml(run.journal);
      expect(html, run.name).not.toMatch(/<script\b/i);
      expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
      const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
      expect(urls.filter((u) => u !== 'http://www.w3.org/2000/svg'), run.name).toEqual([]);
      expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
      expect(html).toMatch(/<svg\b/);
    }
  });

  it('is what `drill run --html` wrote', () => {
    for (const run of [passing, failing, aborted]) expect(renderHtml(run.journal)).toBe(fs.readFileSync(run.htmlPath, 'utf8'));
  });

  it('marks the failed expectation, and only that one, as failed', () => {
    const html = renderHtml(failing.journal);
    const failed = allExpectations(failing.journal).filter((e) => e.verdict === 'fail');
    const marked = [...html.matchAll(/<g class="expectation fail" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(marked).toEqual(failed.map((e) => e.id));
    expect(html).toMatch(/<title>quarantine-drain-clear: fail\b/);
    expect(renderHtml(passing.journal)).not.toMatch(/class="expectation fail"/);
  });

  it('draws one lane per node of the cluster', () => {
    for (const run of [passing, failing, aborted]) {
      const lanes = [...renderHtml(run.journal).matchAll(/<g class="lane" data-node="([^"]+)"/g)].map((m) => m[1]);
      expect(lanes).toEqual(['HV01', 'HV02', 'HV03', 'HV04']);
    }
  });
});
