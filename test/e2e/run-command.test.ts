// `drill run` at its edges: invalid input is refused before anything runs (exit 2, positioned), a dry run
// prints the plan (and on a PowerShell target, PowerShell that parses), reports are written, --seed works.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntaxProblems } from '../targets/powershell/powershell-syntax.js';
import { drill, scratch } from './drill-cli.js';

describe('drill run refuses invalid input before anything runs', () => {
  it('a runbook with an unknown field: exit 2, file:line:column, no run directory', () => {
    const dir = scratch();
    const runbook = path.join(dir, 'bad.yaml');
    fs.writeFileSync(runbook, 'runbook: bad\nsteps:\n  - inject: crash-cluster-service\n    node: HV01\n    expect:\n      - node: HV01\n        becomes: Isolated\n        whithin: 20s\n');
    const result = drill(['run', runbook], { dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${runbook}:8:9: unknown field 'whithin', did you mean 'within'?`);
    expect(fs.existsSync(path.join(dir, 'runs'))).toBe(false);
  });

  it('a --var naming a node the cluster does not have: exit 2', () => {
    const dir = scratch();
    const result = drill(['run', 'runbooks/isolation-recovery.yaml', '--var', 'victim=HV09'], { dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/HV09/);
    expect(fs.existsSync(path.join(dir, 'runs'))).toBe(false);
  });

  it('a malformed --var and a bad --speed: exit 2 with what to write instead', () => {
    const dir = scratch();
    expect(drill(['run', 'runbooks/vm-freeze.yaml', '--var', 'victim'], { dir }).stderr).toContain('--var victim=HV02');
    const speed = drill(['run', 'runbooks/vm-freeze.yaml', '--speed', 'fast'], { dir });
    expect(speed.status).toBe(2);
    expect(speed.stderr).toContain('--speed');
  });

  it('a missing target file: exit 2', () => {
    const dir = scratch();
    const result = drill(['run', 'runbooks/vm-freeze.yaml', '--target', path.join(dir, 'nope.yaml')], { dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nope.yaml');
  });
});

describe('drill run --dry-run', () => {
  it('prints the resolved plan on the simulator and injects nothing', () => {
    const dir = scratch();
    const result = drill(['run', 'runbooks/quarantine-drain-clear.yaml', '--dry-run'], { dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('$victim = HV01');
    expect(result.stdout).toContain('crash-cluster-service');
    expect(result.stdout).toContain('nothing was injected');
    expect(fs.existsSync(path.join(dir, 'runs'))).toBe(false);
  });

  it('prints PowerShell that parses for a lab cluster, with runbook values only as JSON data', async () => {
    const dir = scratch();
    const result = drill(['run', 'runbooks/quarantine-drain-clear.yaml', '--target', 'targets/lab-example.yaml', '--dry-run'], { dir });
    expect(result.status, result.stderr).toBe(0);
    const powershell = result.stdout.slice(result.stdout.indexOf('# The PowerShell each step would run'));
    expect(powershell).toContain('Invoke-Command');
    expect(powershell).toContain('"HV01"');
    expect(await syntaxProblems(powershell.replace(/^dry run: nothing was injected$/m, ''))).toEqual([]);
  });
});

describe('drill run reports', () => {
  it('writes the JSON journal, JUnit and HTML of a run', () => {
    const dir = scratch();
    const out = (f: string) => path.join(dir, f);
    const result = drill(['run', 'runbooks/storage-loss.yaml', '--json', out('j.json'), '--junit', out('j.xml'), '--html', out('j.html'), '--no-history'], { dir });
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out('j.json'), 'utf8')).verdict).toBe('pass');
    expect(fs.readFileSync(out('j.xml'), 'utf8')).toContain('<testsuite');
    expect(fs.readFileSync(out('j.html'), 'utf8')).toContain('<svg');
  });

  it('records every run in the history database', () => {
    const dir = scratch();
    const db = path.join(dir, 'history.db');
    expect(drill(['run', 'runbooks/vm-freeze.yaml', '--history', db], { dir }).status).toBe(0);
    const history = drill(['history', '--db', db], { dir });
    expect(history.status).toBe(0);
    expect(history.stdout).toContain('vm-freeze');
  });

  it('--seed changes a random pick, deterministically', () => {
    const dir = scratch();
    const runbook = path.join(dir, 'random.yaml');
    const source = fs.readFileSync('runbooks/isolation-recovery.yaml', 'utf8').replace('{ node: most-vms }', '{ node: random }').replace('../schema', '../../schema');
    fs.writeFileSync(runbook, source);
    const pick = (seed: number) => /\$victim = (HV\d+)/.exec(drill(['run', runbook, '--dry-run', '--seed', String(seed)], { dir }).stdout)?.[1];
    const picks = [1, 2, 3, 4, 5, 6].map(pick);
    expect(picks.every((p) => p !== undefined)).toBe(true);
    expect(new Set(picks).size).toBeGreaterThan(1);
    expect(pick(3)).toBe(picks[2]);
  });
});
