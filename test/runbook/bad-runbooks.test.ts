// Every kind of bad input the contract names, each with its exact message and where it points.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors/drill-error.js';
import { loadRunbooksForTarget } from '../../src/runbook/validate-files.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/runbooks/bad/${name}`, import.meta.url));
const labTarget = fileURLToPath(new URL('../../targets/lab-example.yaml', import.meta.url));
const simulatedTarget = fileURLToPath(new URL('../../targets/simulated.yaml', import.meta.url));

/** `line:column: message` of every problem, without the file (fixtures live at absolute paths). */
async function problems(name: string, targetPath?: string): Promise<string[]> {
  const path = fixture(name);
  const loaded = await loadRunbooksForTarget([path], { targetPath });
  for (const d of loaded.diagnostics) expect(d.file).toBe(path);
  return loaded.diagnostics.map((d) => formatDiagnostic(d).slice(path.length + 1));
}

describe('bad runbooks are refused with a positioned, actionable message', () => {
  it.each<[string, string | undefined, string[]]>([
    ['malformed-yaml.yaml', undefined, ['6:1: YAML syntax error: deficient indentation']],
    ['duplicate-key.yaml', undefined, ["8:9: duplicate key 'within' (first at line 7)"]],
    ['empty.yaml', undefined, ['1:1: the file is empty: expected a runbook (runbook:, steps:, ...)']],
    ['unknown-field.yaml', undefined, ["7:9: unknown field 'whithin', did you mean 'within'?"]],
    ['bare-number.yaml', undefined, ['3:11: a bare number is not a duration: write the unit, e.g. 30s']],
    ['unknown-fault.yaml', undefined, ["3:13: unknown fault 'crash-cluster-servce', did you mean 'crash-cluster-service'?"]],
    ['unknown-action.yaml', undefined, ["3:9: unknown action 'clear-quarntine', did you mean 'clear-quarantine'?"]],
    ['unknown-condition.yaml', undefined, ["6:18: unknown condition word 'Isolatd', did you mean 'Isolated'?"]],
    ['two-kinds.yaml', undefined, ['4:5: a step is exactly one of inject, do or wait: this one has inject and do']],
    ['drained-on-node.yaml', undefined, ['7:9: drained needs vms: { on: <node> }, not node HV01']],
    ['between-reversed.yaml', undefined, ['8:18: between: min 5m is after max 2m']],
    ['unknown-var.yaml', undefined, ["6:11: unknown var '$vctim', did you mean '$victim'?"]],
    ['unknown-setting.yaml', undefined, ["8:21: unknown cluster setting 'hartbeatTimeout', did you mean 'heartbeatTimeout'?"]],
    ['window-misfit.yaml', undefined, ["7:9: 'within' does not fit 'never': use for"]],
    ['missing-parameter.yaml', undefined, ["3:5: partition-node needs 'for'"]],
    [
      'bad-name.yaml',
      undefined,
      ['1:10: a runbook name is lowercase letters, digits and -, e.g. quarantine-drain-clear', "2:8: 'steps' needs at least one entry"],
    ],
    [
      'max-nodes-affected.yaml',
      undefined,
      ['9:11: this runbook injects faults into 2 distinct nodes ($victim, $other) but settings.maxNodesAffected is 1: raise it or inject into fewer nodes'],
    ],
    ['simulator-only-fault.yaml', labTarget, ["3:5: fault 'power-off-node' is simulator only: the powershell target 'lab-hvc01' cannot run it"]],
    ['unknown-node.yaml', labTarget, ["4:11: target 'lab-hvc01' has no node 'HV05' (one of HV01, HV02, HV03, HV04)"]],
    ['unknown-node.yaml', simulatedTarget, ["4:11: target 'simulated' has no node 'HV05' (one of HV01, HV02, HV03, HV04)"]],
  ])('%s (target: %s)', async (name, target, expected) => {
    expect(await problems(name, target)).toEqual(expected);
  });

  it('reports every problem of a file at once, in file order', async () => {
    expect(await problems('many-problems.yaml')).toEqual([
      "3:3: unknown field 'observ', did you mean 'observe'?",
      "6:11: unknown var '$nobody' (no vars are declared under vars:)",
      "11:9: 'within' does not fit 'stays': use for",
      "13:18: 'Running' is a condition of a VM, but the subject is a node",
    ]);
  });

  it('accepts the target-dependent fixtures when no target is given', async () => {
    expect(await problems('simulator-only-fault.yaml')).toEqual([]);
    expect(await problems('unknown-node.yaml')).toEqual([]);
  });
});
