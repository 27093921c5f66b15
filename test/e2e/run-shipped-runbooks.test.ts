// The CI gate: every shipped runbook passes on the simulated default through the real command line, and
// each known regression makes the runbooks that cover it fail on the expectation naming the behaviour.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../src/engine/journal.js';
import { drill, repoRoot, scratch } from './drill-cli.js';

const runbooks = fs.readdirSync(path.join(repoRoot, 'runbooks')).filter((f) => f.endsWith('.yaml'));
/** Runbooks written for a cluster configured differently from the default, and the target they need. */
const targetFor: Record<string, string> = { 'resiliency-disabled.yaml': 'targets/simulated-resiliency-disabled.yaml' };

describe('shipped runbooks on the simulated cluster', () => {
  it('ships one runbook per behaviour', () => {
    expect(runbooks.length).toBeGreaterThanOrEqual(13);
  });

  it.each(runbooks)('%s passes', (file) => {
    const dir = scratch();
    const target = targetFor[file] ?? 'targets/simulated.yaml';
    const result = drill(['run', `runbooks/${file}`, '--target', target, '--json', path.join(dir, 'journal.json'), '--no-history'], { dir });
    expect(result.stderr).toBe('');
    expect(result.status, result.stdout).toBe(0);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'journal.json'), 'utf8')) as RunJournal;
    expect(journal.verdict).toBe('pass');
    expect(journal.steps.every((s) => s.status === 'passed')).toBe(true);
  });
});

/** Each bug, a runbook that covers it, and words of the expectation that must be the one failing. */
const regressions: readonly [bug: string, runbook: string, failing: string][] = [
  ['quarantine-skips-drain', 'quarantine-drain-clear.yaml', 'drained live'],
  ['drain-restarts-vms', 'quarantine-drain-clear.yaml', 'drained live'],
  ['drain-restarts-vms', 'clean-stop-drains.yaml', 'drained live'],
  ['drain-restarts-vms', 'drain-resume-failback.yaml', 'drained live'],
  ['no-isolation', 'isolation-recovery.yaml', 'becomes Isolated'],
  ['no-isolation', 'partition.yaml', 'becomes Isolated'],
  ['frozen-after-isolation', 'isolation-recovery.yaml', 'heartbeat: Ok'],
  ['quarantine-never-clears', 'quarantine-drain-clear.yaml', 'quarantined: false'],
];

describe('known regressions make the gate fail for the right reason', () => {
  it.each(regressions)('bug %s fails %s on "%s"', (bug, runbook, failing) => {
    const dir = scratch();
    const source = fs.readFileSync(path.join(repoRoot, 'targets', 'simulated.yaml'), 'utf8');
    const targetPath = path.join(dir, 'buggy.yaml');
    fs.writeFileSync(targetPath, source.replace(/^bugs: \[\]/m, `bugs: [${bug}]`));
    const journalPath = path.join(dir, 'journal.json');
    const result = drill(['run', `runbooks/${runbook}`, '--target', targetPath, '--json', journalPath, '--no-history'], { dir });
    expect(result.status, result.stdout + result.stderr).toBe(1);
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as RunJournal;
    const failed = journal.steps.flatMap((s) => s.expectations).filter((e) => e.verdict === 'fail');
    expect(failed.map((e) => e.text).join('\n')).toContain(failing);
    // The first failure is the broken behaviour itself, not a knock-on effect.
    expect(failed[0]?.text).toContain(failing);
  });
});

describe('the JUnit file of the shipped runbooks', () => {
  const xmllint = '/usr/bin/xmllint';
  const xsd = path.join(repoRoot, 'test', 'fixtures', 'junit', 'junit-10.xsd');

  it('one drill run of every default-target runbook writes one suite per runbook, accepted by junit-10.xsd', (ctx) => {
    const dir = scratch();
    const onDefault = runbooks.filter((f) => targetFor[f] === undefined).map((f) => `runbooks/${f}`);
    const junit = path.join(dir, 'shipped.xml');
    const result = drill(['run', ...onDefault, '--junit', junit, '--no-history'], { dir });
    expect(result.status, result.stderr).toBe(0);
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml.match(/<testsuite\b/g)).toHaveLength(onDefault.length);
    if (!fs.existsSync(xmllint)) ctx.skip('xmllint is missing: install libxml2-utils to validate JUnit against the schema');
    const check = spawnSync(xmllint, ['--noout', '--schema', xsd, junit], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });
});
