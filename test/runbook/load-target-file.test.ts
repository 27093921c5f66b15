// Target files into TargetConfig: the embedded default, the lab example, defaults and positioned problems.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { defaultTargetPath, loadTargetFile, parseTargetFile } from '../../src/runbook/load-target-file.js';
import type { TargetConfig } from '../../src/targets/target-config.js';

const labExample = fileURLToPath(new URL('../../targets/lab-example.yaml', import.meta.url));

function config(text: string): TargetConfig {
  const loaded = parseTargetFile(text, 't.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return loaded.target.config;
}

const messages = (text: string) => {
  const loaded = parseTargetFile(text, 't.yaml');
  return loaded.ok ? [] : loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
};

describe('the embedded default target', () => {
  it('is targets/simulated.yaml of the package, found from any working directory', () => {
    expect(defaultTargetPath).toBe(fileURLToPath(new URL('../../targets/simulated.yaml', import.meta.url)));
    expect(existsSync(defaultTargetPath)).toBe(true);
  });

  it('loads to the same cluster the simulator builds by default', async () => {
    const loaded = await loadTargetFile(defaultTargetPath);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.target.config).toEqual(defaultSimulatedConfig());
  });
});

describe('simulated targets', () => {
  it('fills every default of the format from a minimal file', () => {
    expect(config('target: simulated\ndriver: simulated\n')).toEqual(defaultSimulatedConfig());
  });

  it('names counted nodes HV01.. and takes a list of names as written', () => {
    const counted = config('target: s\ndriver: simulated\nnodes: 12\n');
    expect(counted.driver === 'simulated' ? counted.nodes : []).toEqual(Array.from({ length: 12 }, (_, i) => `HV${String(i + 1).padStart(2, '0')}`));
    const listed = config('target: s\ndriver: simulated\nnodes: [A, B]\n');
    expect(listed.driver === 'simulated' ? listed.nodes : []).toEqual(['A', 'B']);
  });

  it('reads sizes, speeds, behaviour and bugs', () => {
    const c = config(
      [
        'target: s',
        'driver: simulated',
        'seed: 7',
        'cluster: { resiliencyDefaultPeriod: 0s, heartbeat: { delay: 2s, threshold: 20 }, liveMigration: { concurrent: 4, bandwidth: 1Gbps }, quarantineCap: 0.5 }',
        'vms:',
        '  - { count: 3, storage: smb, memory: 512MiB, prefix: DB }',
        'behaviour: { serviceRestart: never, join: 1500ms, jitter: 0.1 }',
        'bugs: [no-isolation, drain-restarts-vms]',
        'settings: { observe: 5s }',
      ].join('\n'),
    );
    if (c.driver !== 'simulated') throw new Error('simulated expected');
    expect(c.seed).toBe(7);
    expect(c.cluster).toMatchObject({ resiliencyDefaultPeriodMs: 0, heartbeatDelayMs: 2_000, heartbeatThreshold: 20, liveMigrationConcurrent: 4, liveMigrationBandwidthBps: 1e9, quarantineCapFraction: 0.5 });
    expect(c.vms).toEqual([{ count: 3, storage: 'smb', memoryBytes: 512 * 1024 ** 2, configVersion: '8.0', prefix: 'DB' }]);
    expect(c.behaviour).toMatchObject({ serviceRestartMs: undefined, joinMs: 1_500, jitter: 0.1, failoverStartMs: 30_000 });
    expect(c.bugs).toEqual(['no-isolation', 'drain-restarts-vms']);
    expect(c.observeMs).toBe(5_000);
  });

  it('reports problems at their positions, all at once', () => {
    expect(
      messages(
        [
          'target: s',
          'driver: simulated',
          'behaviour: { serviceRestart: 60, join: forever }',
          'vms:',
          '  - { count: 2, storage: csv, memroy: 8GiB }',
          'bugs: [no-isolaton]',
          'cluster: { liveMigration: { bandwidth: 10Gbs }, heartbeat: { delay: 2 * cluster.heartbeatDelay } }',
        ].join('\n'),
      ),
    ).toEqual([
      '3:30: a bare number is not a duration: write the unit, e.g. 60s',
      "3:40: 'forever' is not a duration: write a number with a unit (30s, 5m, 1h30m) or cluster.<setting>",
      "5:5: missing field 'memory'",
      "5:31: unknown field 'memroy', did you mean 'memory'?",
      "6:8: unknown bug profile 'no-isolaton', did you mean 'no-isolation'?",
      "7:40: '10Gbs' is not a bandwidth: write a number and one of bps, Kbps, Mbps, Gbps, Tbps, e.g. 10Gbps",
      '7:69: a target file needs a plain duration such as 30s, not an expression',
    ]);
  });

  it('refuses an unknown driver with a suggestion, and a missing one', () => {
    expect(messages('target: s\ndriver: simulatd\n')).toEqual(["2:9: unknown driver 'simulatd', did you mean 'simulated'?"]);
    expect(messages('target: s\n')).toEqual(["1:1: missing field 'driver' (simulated or powershell)"]);
  });
});

describe('PowerShell targets', () => {
  it('loads the lab example', async () => {
    const loaded = await loadTargetFile(labExample);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.target).toEqual({
      path: labExample,
      config: {
        driver: 'powershell',
        name: 'lab-hvc01',
        cluster: 'hvc01.lab.example.com',
        nodes: ['HV01', 'HV02', 'HV03', 'HV04'],
        lab: true,
        transport: { kind: 'winrm' },
        credential: { env: 'DRILL_CREDENTIAL' },
        pwsh: 'pwsh',
        observeMs: 2_000,
      },
    });
  });

  it('defaults to winrm, the current identity, pwsh, not a lab', () => {
    expect(config('target: p\ndriver: powershell\ncluster: c.example\n')).toEqual({
      driver: 'powershell',
      name: 'p',
      cluster: 'c.example',
      nodes: undefined,
      lab: false,
      transport: { kind: 'winrm' },
      credential: undefined,
      pwsh: 'pwsh',
      observeMs: 2_000,
    });
  });

  it('reads an ssh transport and a credential file', () => {
    expect(config('target: p\ndriver: powershell\ncluster: c\ntransport: { kind: ssh, user: drill, keyFile: ~/.ssh/id }\ncredential: { file: /etc/drill/cred }\n')).toMatchObject({
      transport: { kind: 'ssh', user: 'drill', keyFile: '~/.ssh/id' },
      credential: { file: '/etc/drill/cred' },
    });
  });

  it('refuses fields of the other driver and an unknown transport', () => {
    expect(messages('target: p\ndriver: powershell\ncluster: c\nseed: 3\ntransport: { kind: telnet }\n')).toEqual([
      "4:1: unknown field 'seed'",
      '5:20: expected one of winrm, ssh, got \'telnet\'',
    ]);
  });
});
