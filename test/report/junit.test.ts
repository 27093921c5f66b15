// JUnit output: names, counts and messages per the contract, escaping, and validity against the
// junit-10.xsd schema CI servers use (validated with xmllint from Debian's libxml2-utils).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../src/engine/journal.js';
import { renderJunit } from '../../src/report/junit.js';
import { loadJournal } from '../fixtures/journals/index.js';
import { scaleQuarantineDrill } from '../fixtures/journals/scenarios.js';

const xsd = fileURLToPath(new URL('../fixtures/junit/junit-10.xsd', import.meta.url));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint) console.warn('xmllint is missing: JUnit schema validation is skipped (apt-get install libxml2-utils)');

/** Runs xmllint against the schema; returns its complaint, or '' when the document is valid. */
function schemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'drill-junit-'));
  const file = join(dir, 'report.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

/** Attribute values of every element named `tag` (enough structure for assertions, no XML library needed). */
function attributes(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/(\w[\w.-]*)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}

describe('renderJunit', () => {
  const failing = loadJournal('failing');

  it('names one case per expectation `<step name> › <expectation>` with the contract counts', () => {
    const xml = renderJunit(failing);
    const suites = attributes(xml, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(suites[0]).toMatchObject({ name: 'quarantine-drain-clear', tests: '14', failures: '1', errors: '0', skipped: '1' });
    const names = attributes(xml, 'testcase').map((c) => c.name);
    expect(names).toContain('third crash within the hour quarantines the node and drains it by live migration › vms { on: $victim } drained: live');
    expect(names.filter((n) => n?.startsWith('steady state'))).toHaveLength(4);
  });

  it('gives a failure the window and what was observed when', () => {
    const xml = renderJunit(failing);
    const failure = attributes(xml, 'failure')[0];
    expect(failure?.message).toContain('2m07.2s late');
    expect(failure?.message).toContain('window within 10m (+2m11s to +12m11s of the run)');
    expect(failure?.message).toContain('first seen true at +14m18.2s');
    expect(failure?.type).toBe('drained');
    expect(xml).toMatch(/<skipped message="step 3 failed \(onFailure: stop\)"\/>/);
  });

  it('makes inconclusive expectations errors and adds a case for the stop', () => {
    const xml = renderJunit(loadJournal('aborted'));
    expect(attributes(xml, 'testsuite')[0]).toMatchObject({ tests: '9', failures: '0', errors: '4', skipped: '1' });
    expect(attributes(xml, 'error').map((e) => e.type)).toEqual(['inconclusive', 'inconclusive', 'inconclusive', 'aborted']);
  });

  it('gives times in seconds', () => {
    const cases = attributes(renderJunit(loadJournal('passing')), 'testcase');
    const isolation = cases.find((c) => c.name === 'first crash isolates the node › node $victim becomes Isolated');
    expect(isolation?.time).toBe('10.000');
  });

  it('renders one suite per runbook for several runs, totals in <testsuites>', () => {
    const xml = renderJunit([loadJournal('passing'), failing, loadJournal('aborted')]);
    expect(attributes(xml, 'testsuite').map((s) => s.name)).toEqual(['quarantine-drain-clear', 'quarantine-drain-clear', 'csv-storage-loss']);
    expect(attributes(xml, 'testsuites')[0]).toMatchObject({ tests: '37', failures: '1', errors: '4' });
  });

  it('escapes markup, quotes and control characters from runbooks', () => {
    const base = loadJournal('passing');
    const step = base.steps[0];
    if (step === undefined) throw new Error('fixture has no step');
    const hostile: RunJournal = {
      ...base,
      runbook: { ...base.runbook, name: 'a<b>&"c"' },
      steps: [{ ...step, name: `it's <bad> & "quoted"\u0001` }, ...base.steps.slice(1)],
    };
    const xml = renderJunit(hostile);
    expect(xml).toContain('name="a&lt;b&gt;&amp;&quot;c&quot;"');
    expect(xml).toContain('it&apos;s &lt;bad&gt; &amp; &quot;quoted&quot;\uFFFD ›');
    if (hasXmllint) expect(schemaErrors(xml)).toBe('');
  });

  describe.skipIf(!hasXmllint)('against junit-10.xsd (xmllint)', () => {
    it('accepts every fixture, alone and together, and the 64-node run', () => {
      for (const xml of [
        renderJunit(loadJournal('passing')),
        renderJunit(failing),
        renderJunit(loadJournal('aborted')),
        renderJunit([loadJournal('passing'), failing]),
        renderJunit(scaleQuarantineDrill()),
      ])
        expect(schemaErrors(xml)).toBe('');
    });

    it('rejects a document that breaks the schema (the validator really validates)', () => {
      const broken = renderJunit(failing).replace(/<testsuite name="[^"]*"/, '<testsuite');
      expect(schemaErrors(broken)).toMatch(/name.*required|required.*name/i);
    });
  });

});
