import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors/drill-error.js';
import { parseRunLog } from '../../src/safety/run-log-reader.js';
import { pendingUndos } from '../../src/safety/pending-undos.js';
import { crash, intended, logText, made, started } from './run-log-fixtures.js';

describe('reading a run log', () => {
  it('reads every record of a complete log', () => {
    const text = logText([started('r'), intended(crash('HV01')), made(crash('HV01'))]);
    const log = parseRunLog('/runs/r/write-ahead.jsonl', text);
    expect(log.records.map((r) => r.type)).toEqual(['run-started', 'fault-intended', 'fault-made']);
    expect(log.problems).toEqual([]);
    expect(log.truncatedTail).toBeNull();
  });

  it('tolerates a last line cut mid-write (the run was killed while writing it)', () => {
    const whole = logText([started('r'), intended(crash('HV01'))]);
    const partial = JSON.stringify(made(crash('HV01'))).slice(0, 25);
    const log = parseRunLog('/runs/r/write-ahead.jsonl', whole + partial);
    expect(log.records.map((r) => r.type)).toEqual(['run-started', 'fault-intended']);
    expect(log.problems).toEqual([]);
    expect(log.truncatedTail).toBe(partial);
    // The intent was on disk: its undo is still pending.
    expect(pendingUndos(log.records)).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
  });

  it('keeps a whole last record that lost only its newline', () => {
    const text = logText([started('r')]) + JSON.stringify(intended(crash('HV02')));
    const log = parseRunLog('f', text);
    expect(log.records.map((r) => r.type)).toEqual(['run-started', 'fault-intended']);
    expect(log.truncatedTail).toBeNull();
  });

  it('reports a damaged middle line as file:line and still reads the others', () => {
    const lines = logText([started('r'), intended(crash('HV01'))]).split('\n');
    const text = `${lines[0]}\n{"type":"fault-int\n${lines[1]}\n${JSON.stringify({ type: 'wat' })}\n`;
    const log = parseRunLog('/runs/r/write-ahead.jsonl', text);
    expect(log.records.map((r) => r.type)).toEqual(['run-started', 'fault-intended']);
    expect(log.problems.map(formatDiagnostic)).toEqual([
      '/runs/r/write-ahead.jsonl:2:1: damaged run log record: not valid JSON',
      '/runs/r/write-ahead.jsonl:4:1: damaged run log record: unknown record type "wat"',
    ]);
  });

  it('rejects a record whose undo is malformed rather than replaying garbage', () => {
    const text = `${JSON.stringify({ type: 'fault-intended', fault: {}, undo: 'start' })}\n`;
    const log = parseRunLog('f', text);
    expect(log.records).toEqual([]);
    expect(log.problems[0]?.message).toContain('malformed undo');
  });
});
