// Reading a saved journal: bad ones are refused with every problem at its line and column (exit 2).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DrillError, ExitStatus } from '../../src/errors/drill-error.js';
import { parseJournal, renderJson } from '../../src/report/journal-json.js';
import { fixturePath, loadJournal } from '../fixtures/journals/index.js';

/** The DrillError `parseJournal` throws for `text`. */
function refusal(text: string): DrillError {
  try {
    parseJournal(text, 'run.json');
  } catch (error) {
    if (error instanceof DrillError) return error;
    throw error;
  }
  throw new Error('the journal was accepted');
}

describe('parseJournal', () => {
  const good = readFileSync(fixturePath('failing'), 'utf8');

  it('reads a saved journal back to what was written', () => {
    expect(renderJson(parseJournal(good, 'run.json'))).toBe(good);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const e = refusal('{\n  "schemaVersion": 1,\n  "runId": "x",\n}\n');
    expect(e.exitStatus).toBe(ExitStatus.invalidInput);
    expect(e.diagnostics[0]).toMatchObject({ file: 'run.json', line: 4, column: 1, code: 'invalid-value' });
    expect(e.diagnostics[0]?.message).toMatch(/^not valid JSON/);
  });

  it('refuses an empty file', () => {
    expect(refusal('  \n').diagnostics[0]).toMatchObject({ code: 'empty-file', line: 1, column: 1 });
  });

  it('names a wrong value by its path and position', () => {
    const text = good.replace('"verdict": "fail",\n  "exitStatus"', '"verdict": "failed",\n  "exitStatus"');
    const e = refusal(text);
    const line = text.split('\n').findIndex((l) => l.includes('"verdict": "failed"')) + 1;
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ line, column: 3, code: 'invalid-value' });
    expect(e.diagnostics[0]?.message).toMatch(/^verdict: /);
  });

  it('names a missing field inside an expectation at its parent', () => {
    const journal = loadJournal('failing');
    const broken = JSON.parse(renderJson(journal)) as { steps: { expectations: Record<string, unknown>[] }[] };
    delete broken.steps[2]?.expectations[1]?.['window'];
    const e = refusal(JSON.stringify(broken, null, 2));
    expect(e.diagnostics[0]?.code).toBe('missing-field');
    expect(e.diagnostics[0]?.message).toMatch(/^steps\[2\]\.expectations\[1\]\.window is missing/);
    expect(e.diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it('refuses a newer schema version with the version it reads', () => {
    const e = refusal(good.replace('"schemaVersion": 1', '"schemaVersion": 2'));
    expect(e.diagnostics[0]).toMatchObject({ line: 2, column: 3 });
    expect(e.diagnostics[0]?.message).toContain('reads schema version 1');
  });
});
