// `drill report` re-renders a saved journal of a real run; a journal it cannot read is exit 2, positioned.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drill, scratch } from './drill-cli.js';

describe('drill report', () => {
  it('re-renders the HTML and JUnit of a finished run from its journal', () => {
    const dir = scratch();
    const journal = path.join(dir, 'run.json');
    expect(drill(['run', 'runbooks/storage-loss.yaml', '--json', journal, '--no-history'], { dir }).status).toBe(0);
    const result = drill(['report', journal, '--html', path.join(dir, 'r.html'), '--junit', path.join(dir, 'r.xml')], { dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('PASSED storage-loss');
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('<svg');
    expect(fs.readFileSync(path.join(dir, 'r.xml'), 'utf8')).toContain('<testsuite name="storage-loss"');
  });

  it('reads the journal kept in the run directory', () => {
    const dir = scratch();
    expect(drill(['run', 'runbooks/vm-freeze.yaml', '--no-history'], { dir }).status).toBe(0);
    const [runId] = fs.readdirSync(path.join(dir, 'runs'));
    const result = drill(['report', path.join(dir, 'runs', runId!, 'journal.json')], { dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('PASSED vm-freeze');
  });

  it('a truncated journal: exit 2 with file:line:column', () => {
    const dir = scratch();
    const journal = path.join(dir, 'run.json');
    drill(['run', 'runbooks/vm-freeze.yaml', '--json', journal, '--no-history'], { dir });
    const text = fs.readFileSync(journal, 'utf8');
    fs.writeFileSync(journal, text.slice(0, Math.floor(text.length / 2)));
    const result = drill(['report', journal, '--html', path.join(dir, 'r.html')], { dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${journal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
    expect(fs.existsSync(path.join(dir, 'r.html'))).toBe(false);
  });

  it('a file that is not there: exit 2 saying what to pass', () => {
    const dir = scratch();
    const result = drill(['report', path.join(dir, 'nope.json')], { dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('drill run --json');
  });
});
