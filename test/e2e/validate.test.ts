// `drill validate`, `drill schema` and `drill faults` as a user runs them: the built CLI in a child process.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const drill = join(repo, 'bin/drill.js');
const bad = (name: string) => `test/fixtures/runbooks/bad/${name}`;

/** Runs the CLI from the repository, never throwing on a non-zero exit. */
const run = (...args: string[]) => execa('node', [drill, ...args], { cwd: repo, reject: false });

beforeAll(async () => {
  // `npm test` builds first; a lone run of this file builds when nothing is built yet.
  if (!existsSync(join(repo, 'dist/cli/main.js'))) await execa('npm', ['run', 'build'], { cwd: repo });
});

describe('drill validate', () => {
  it('accepts the example and prints ok per file, exit 0', async () => {
    const result = await run('validate', 'test/fixtures/runbooks/good/quarantine-drain-clear.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('ok test/fixtures/runbooks/good/quarantine-drain-clear.yaml');
    expect(result.stderr).toBe('');
  });

  it('rejects bad runbooks with exit 2 and every problem as file:line:column: message', async () => {
    const result = await run('validate', bad('unknown-field.yaml'), bad('bare-number.yaml'), bad('many-problems.yaml'));
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${bad('unknown-field.yaml')}:7:9: unknown field 'whithin', did you mean 'within'?`,
      `${bad('bare-number.yaml')}:3:11: a bare number is not a duration: write the unit, e.g. 30s`,
      `${bad('many-problems.yaml')}:3:3: unknown field 'observ', did you mean 'observe'?`,
      `${bad('many-problems.yaml')}:6:11: unknown var '$nobody' (no vars are declared under vars:)`,
      `${bad('many-problems.yaml')}:11:9: 'within' does not fit 'stays': use for`,
      `${bad('many-problems.yaml')}:13:18: 'Running' is a condition of a VM, but the subject is a node`,
      'drill: 6 problems found; nothing was injected',
    ]);
  });

  it('checks names and fault support against --target', async () => {
    const result = await run('validate', bad('simulator-only-fault.yaml'), bad('unknown-node.yaml'), '--target', 'targets/lab-example.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${bad('simulator-only-fault.yaml')}:3:5: fault 'power-off-node' is simulator only: the powershell target 'lab-hvc01' cannot run it`);
    expect(result.stderr).toContain(`${bad('unknown-node.yaml')}:4:11: target 'lab-hvc01' has no node 'HV05' (one of HV01, HV02, HV03, HV04)`);
  });

  it('reports a missing file and a broken target file the same way', async () => {
    const missing = await run('validate', 'no-such-runbook.yaml');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no-such-runbook.yaml:1:1: cannot read the file: no such file');
    const brokenTarget = await run('validate', 'test/fixtures/runbooks/good/quarantine-drain-clear.yaml', '--target', bad('unknown-field.yaml'));
    expect(brokenTarget.exitCode).toBe(2);
    expect(brokenTarget.stderr).toContain(`${bad('unknown-field.yaml')}:1:1: missing field 'driver' (simulated or powershell)`);
  });

  it('accepts every shipped runbook on the default simulated target', async () => {
    const runbooks = (await execa('ls', ['runbooks'], { cwd: repo })).stdout.split('\n').filter((f) => f.endsWith('.yaml')).map((f) => `runbooks/${f}`);
    const result = await run('validate', ...runbooks, '--target', 'targets/simulated.yaml');
    expect({ exit: result.exitCode, stderr: result.stderr }).toEqual({ exit: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual(runbooks.map((r) => `ok ${r}`));
  });
});

describe('drill schema and drill faults', () => {
  it('writes the two schema files, equal to the committed ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drill-schema-'));
    try {
      const result = await run('schema', '--write', dir);
      expect(result.exitCode).toBe(0);
      for (const file of ['runbook.schema.json', 'target.schema.json']) {
        expect(await readFile(join(dir, file), 'utf8')).toBe(await readFile(join(repo, 'schema', file), 'utf8'));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints one schema with --kind', async () => {
    const result = await run('schema', '--kind', 'runbook');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ title: 'drill runbook', type: 'object' });
  });

  it('lists every fault and action with the targets that support each', async () => {
    const result = await run('faults');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^inject\s+power-off-node\s+node\s+yes\s+no\s+\(simulator only\)$/m);
    expect(result.stdout).toMatch(/^inject\s+crash-cluster-service\s+node\s+yes\s+yes \(lab\)\s+Stop-Process/m);
    expect(result.stdout).toMatch(/^do\s+move-vm\s+vm, to, type\?\s+yes\s+yes\s+Move-ClusterVirtualMachineRole/m);
  });
});
