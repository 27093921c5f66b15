// `drill discover` from the command line (bin/drill.js over dist/: `npm run build` first): exit statuses
// and the written twin.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fakePwshPath, requireBuiltSimulator, scratch } from './fake-pwsh.js';

const root = join(import.meta.dirname, '..', '..', '..');
const drill = (...args: string[]) => execa('node', [join(root, 'bin', 'drill.js'), ...args], { reject: false, cwd: root });

describe('drill discover (CLI)', () => {
  it('writes the twin and exits 0', async () => {
    requireBuiltSimulator();
    const dir = scratch();
    const lab = join(dir, 'lab.yaml');
    writeFileSync(lab, `target: lab-hvc01\ndriver: powershell\ncluster: hvc01.lab.example.com\nlab: true\npwsh: ${JSON.stringify(fakePwshPath)}\n`);
    const out = join(dir, 'twin.yaml');
    const result = await drill('discover', lab, '--write', out);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`wrote ${out}: 4 nodes, 38 VMs in 3 kinds`);
    const twin = readFileSync(out, 'utf8');
    expect(twin).toContain('driver: simulated');
    expect(twin).toContain('  - { count: 24, storage: csv, memory: 8GiB, configVersion: "8.0" }');
  });

  it('exits 3 with a clear message when pwsh is missing', async () => {
    const dir = scratch();
    const lab = join(dir, 'lab.yaml');
    writeFileSync(lab, 'target: lab\ndriver: powershell\ncluster: hvc01.lab.example.com\npwsh: /nonexistent/pwsh\n');
    const out = join(dir, 'twin.yaml');
    const result = await drill('discover', lab, '--write', out);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('PowerShell was not found: "/nonexistent/pwsh" is not an executable');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a simulated target', async () => {
    const result = await drill('discover', join(root, 'targets', 'simulated.yaml'), '--write', join(scratch(), 'x.yaml'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/is a simulated target: drill discover reads a real cluster/);
  });
});
