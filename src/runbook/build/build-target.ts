// Target-file inputs into the checked TargetConfig the target factories take, with the format's defaults.
import type { ClusterSettings } from '../../targets/cluster-state.js';
import type { PowerShellTargetConfig, SimulatedTargetConfig, VmGroupConfig, BugProfile } from '../../targets/target-config.js';
import { evaluateLiteral } from '../duration.js';
import { parseDurationExpression } from '../duration-expression.js';
import type { PowershellTargetInput, SimulatedTargetInput } from '../schema/target-schema.js';
import { parseBandwidth, parseMemory } from '../sizes.js';

/** The format's defaults (RUNBOOK-FORMAT.md target example, SIMULATOR.md). */
export const simulatedDefaults = {
  seed: 1,
  clusterName: 'HVC01',
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyDefaultPeriodMs: 240_000,
  quarantineThreshold: 3,
  quarantineDurationMs: 2 * 3_600_000,
  heartbeatDelayMs: 1_000,
  heartbeatThreshold: 10,
  liveMigrationConcurrent: 2,
  liveMigrationBandwidthBps: 10e9,
  quarantineCapFraction: 0.25,
  nodeCount: 4,
  networks: [
    { name: 'Management', nics: ['NIC1', 'NIC2'] },
    { name: 'Cluster', nics: ['NIC3'] },
  ],
  vms: [
    { count: 24, storage: 'csv', memory: '8GiB' },
    { count: 12, storage: 'smb', memory: '4GiB' },
    { count: 2, storage: 'csv', memory: '2GiB', configVersion: '5.0' },
  ],
  serviceRestartMs: 60_000,
  joinMs: 5_000,
  failoverStartMs: 30_000,
  powerOnBootMs: 180_000,
  liveMigrationSetupMs: 2_000,
  quickMigrationMs: 10_000,
  jitter: 0,
  observeMs: 2_000,
} as const;

/** A literal duration the schema already accepted, in ms. */
function ms(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const parsed = parseDurationExpression(text);
  return parsed.ok ? evaluateLiteral(parsed.expr) : fallback;
}

/** Names HV01..HVnn for `nodes: <count>` (two digits at least, more for larger clusters). */
export function countedNodeNames(count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `HV${String(i + 1).padStart(width, '0')}`);
}

/** Size text the schema already accepted, as a number. */
function size(parse: typeof parseMemory, text: string): number {
  const parsed = parse(text);
  return parsed.ok ? parsed.value : 0;
}

export function buildSimulatedTarget(input: SimulatedTargetInput): SimulatedTargetConfig {
  const d = simulatedDefaults;
  const c = input.cluster;
  const cluster: ClusterSettings = {
    name: c?.name ?? d.clusterName,
    resiliencyLevel: c?.resiliencyLevel ?? d.resiliencyLevel,
    resiliencyDefaultPeriodMs: ms(c?.resiliencyDefaultPeriod, d.resiliencyDefaultPeriodMs),
    quarantineThreshold: c?.quarantineThreshold ?? d.quarantineThreshold,
    quarantineDurationMs: ms(c?.quarantineDuration, d.quarantineDurationMs),
    heartbeatDelayMs: ms(c?.heartbeat?.delay, d.heartbeatDelayMs),
    heartbeatThreshold: c?.heartbeat?.threshold ?? d.heartbeatThreshold,
    liveMigrationConcurrent: c?.liveMigration?.concurrent ?? d.liveMigrationConcurrent,
    liveMigrationBandwidthBps: c?.liveMigration?.bandwidth === undefined ? d.liveMigrationBandwidthBps : size(parseBandwidth, c.liveMigration.bandwidth),
    quarantineCapFraction: c?.quarantineCap ?? d.quarantineCapFraction,
  };
  const vms: VmGroupConfig[] = (input.vms ?? d.vms).map((g) => ({
    count: g.count,
    storage: g.storage,
    memoryBytes: size(parseMemory, g.memory),
    configVersion: ('configVersion' in g ? g.configVersion : undefined) ?? '8.0',
    prefix: ('prefix' in g ? g.prefix : undefined) ?? 'VM',
  }));
  const b = input.behaviour;
  return {
    driver: 'simulated',
    name: input.target,
    seed: input.seed ?? d.seed,
    lab: input.lab ?? false,
    cluster,
    nodes: input.nodes === undefined ? countedNodeNames(d.nodeCount) : typeof input.nodes === 'number' ? countedNodeNames(input.nodes) : [...input.nodes],
    networks: (input.networks ?? d.networks).map((n) => ({ name: n.name, nics: [...n.nics] })),
    vms,
    behaviour: {
      serviceRestartMs: b?.serviceRestart === 'never' ? undefined : ms(b?.serviceRestart, d.serviceRestartMs),
      joinMs: ms(b?.join, d.joinMs),
      failoverStartMs: ms(b?.failoverStart, d.failoverStartMs),
      powerOnBootMs: ms(b?.powerOnBoot, d.powerOnBootMs),
      liveMigrationSetupMs: ms(b?.liveMigrationSetup, d.liveMigrationSetupMs),
      quickMigrationMs: ms(b?.quickMigration, d.quickMigrationMs),
      jitter: b?.jitter ?? d.jitter,
    },
    bugs: (input.bugs ?? []) as BugProfile[],
    observeMs: ms(input.settings?.observe, d.observeMs),
  };
}

export function buildPowershellTarget(input: PowershellTargetInput): PowerShellTargetConfig {
  const transport = input.transport ?? { kind: 'winrm' as const };
  return {
    driver: 'powershell',
    name: input.target,
    cluster: input.cluster,
    nodes: input.nodes === undefined ? undefined : [...input.nodes],
    lab: input.lab ?? false,
    transport:
      transport.kind === 'winrm'
        ? { kind: 'winrm' }
        : { kind: 'ssh', ...(transport.user === undefined ? {} : { user: transport.user }), ...(transport.keyFile === undefined ? {} : { keyFile: transport.keyFile }) },
    credential: input.credential === undefined ? undefined : 'env' in input.credential ? { env: input.credential.env } : { file: input.credential.file },
    pwsh: input.pwsh ?? 'pwsh',
    observeMs: ms(input.settings?.observe, simulatedDefaults.observeMs),
  };
}
