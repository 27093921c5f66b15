import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillError, formatDiagnostic } from '../../src/errors/drill-error.js';
import { parseDrillsFile } from '../../src/history/drills-file.js';
import { drillsJsonSchema } from '../../src/history/drills-schema.js';

/** A directory holding a runbook and a target, so file checks pass. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drills-'));
  writeFileSync(join(dir, 'rb.yaml'), 'runbook: rb\n');
  writeFileSync(join(dir, 'sim.yaml'), 'target: sim\n');
  return dir;
}

/** The diagnostics a drills file produces, formatted as the CLI prints them. */
function problems(source: string, cwd = workspace()): string[] {
  try {
    parseDrillsFile(source, 'drills.yaml', { cwd });
  } catch (error) {
    if (error instanceof DrillError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  return [];
}

describe('drills file', () => {
  it('loads drills with resolved paths, defaults and stringified vars', () => {
    const cwd = workspace();
    const file = parseDrillsFile(
      [
        'defaults:',
        '  results: out',
        '  timezone: Europe/Paris',
        'drills:',
        '  - name: nightly',
        '    runbook: rb.yaml',
        '    target: sim.yaml',
        '    vars: { victim: HV02, count: 3 }',
        '    schedule: "0 2 * * *"',
        '  - name: weekly',
        '    runbook: rb.yaml',
        '    target: sim.yaml',
        '    schedule: "@weekly"',
        '    timezone: America/New_York',
        '    results: { dir: weekly-results, junit: "{drill}-{runId}.xml" }',
      ].join('\n'),
      'drills.yaml',
      { cwd },
    );
    expect(file.historyPath).toBe(join(cwd, '.drill/history.db'));
    expect(file.drills.map((d) => [d.name, d.timezone, d.results.dir])).toEqual([
      ['nightly', 'Europe/Paris', join(cwd, 'out/nightly')],
      ['weekly', 'America/New_York', join(cwd, 'weekly-results')],
    ]);
    expect(file.drills[0]!.vars).toEqual({ victim: 'HV02', count: '3' });
    expect(file.drills[0]!.runbook).toBe(join(cwd, 'rb.yaml'));
    expect(file.drills[1]!.results.junit).toBe('{drill}-{runId}.xml');
    expect(file.drills[1]!.at).toMatchObject({ line: 10, column: 5 });
  });

  it('reports unknown and missing fields at their line and column', () => {
    const out = problems(['drills:', '  - name: a', '    runbook: rb.yaml', '    schedul: "* * * * *"', '    target: sim.yaml'].join('\n'));
    expect(out).toEqual(["drills.yaml:2:5: missing field 'schedule'", "drills.yaml:4:5: unknown field 'schedul', did you mean 'schedule'?"]);
  });

  it('reports a bad cron expression, an unknown time zone, a duplicate name and missing files', () => {
    const out = problems(
      [
        'drills:',
        '  - name: a',
        '    runbook: rb.yaml',
        '    target: sim.yaml',
        '    schedule: "61 * * * *"',
        '  - name: a',
        '    runbook: nowhere.yaml',
        '    target: sim.yaml',
        '    schedule: "0 3 * * *"',
        '    timezone: Mars/Olympus',
      ].join('\n'),
    );
    expect(out).toEqual([
      expect.stringMatching(/^drills\.yaml:5:15: invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61$/),
      'drills.yaml:6:11: drill name "a" is already used by drill 1',
      'drills.yaml:10:15: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Paris or UTC)',
      'drills.yaml:7:14: no runbook at nowhere.yaml (paths are relative to the drills file)',
    ]);
  });

  it('refuses a date where a cron expression is expected, and a bad drill name', () => {
    const out = problems(['drills:', '  - name: Nightly', '    runbook: rb.yaml', '    target: sim.yaml', '    schedule: 2026-01-01T00:00:00'].join('\n'));
    expect(out).toEqual(["drills.yaml:2:11: a drill name is lowercase letters, digits and '-'"]);
    const out2 = problems(['drills:', '  - name: n', '    runbook: rb.yaml', '    target: sim.yaml', '    schedule: 2026-01-01T00:00:00'].join('\n'));
    expect(out2[0]).toMatch(/^drills\.yaml:5:15: "2026-01-01T00:00:00" is not a cron expression/);
  });

  it('reports YAML syntax errors and duplicate keys with 1-based positions', () => {
    expect(problems('drills:\n  - name: a\n    name: b\n')).toEqual(["drills.yaml:3:5: duplicate key 'name' (first at line 2)"]);
    expect(problems('drills: [a\n')).toEqual([expect.stringMatching(/^drills\.yaml:2:1: YAML syntax error: /)]);
    expect(problems('')).toEqual(['drills.yaml:1:1: the file is empty: expected a drills file (defaults, drills)']);
  });

  it('publishes a JSON Schema that matches the committed schema/drills.schema.json', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/drills.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(drillsJsonSchema());
    const schema = drillsJsonSchema() as { properties: { drills: { items: { required: string[] } } } };
    expect(schema.properties.drills.items.required).toEqual(['name', 'runbook', 'target', 'schedule']);
  });
});
