// Target-file inputs into the checked TargetConfig the target factories take, with the format's defaults.
import type { ClusterSettings } from '../../targets/cluster-state.js';
import type { PowerShellTargetConfig, SimulatedTargetConfig, VmGroupConfig, BugProfile } from '../../targets/target-config.js';
import { evaluateLiteral } from '../duration.js';
import { parseDurationExpression } from '../duration-expression.js';
import type { PowershellTargetInput, SimulatedTargetInput } from '../schema/target-schema.js';
import { parseBandwidth, parseMemory } from '../sizes.js';
import { defaultSimulatedConfig, nodeNames } from '../../targets/simulated/default-config.js';

/** A literal duration the schema already accepted, in ms. */
function ms(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const parsed = parseDurationExpression(text);
  return parsed.ok ? evaluateLiteral(parsed.expr) : fallback;
}

/** Size text the schema already accepted, as a number. */
function size(parse: typeof parseMemory, text: string): number {
  const parsed = parse(text);
  return parsed.ok ? parsed.value : 0;
}

export function buildSimulatedTarget(input: SimulatedTargetInput): SimulatedTargetConfig {
  // The format's defaults are the embedded default cluster (targets/simulated.yaml): one source for both.
  const d = defaultSimulatedConfig();
  const c = input.cluster;
  const cluster: ClusterSettings = {
    name: c?.name ?? d.cluster.name,
    resiliencyLevel: c?.resiliencyLevel ?? d.cluster.resiliencyLevel,
    resiliencyDefaultPeriodMs: ms(c?.resiliencyDefaultPeriod, d.cluster.resiliencyDefaultPeriodMs),
    quarantineThreshold: c?.quarantineThreshold ?? d.cluster.quarantineThreshold,
    quarantineDurationMs: ms(c?.quarantineDuration, d.cluster.quarantineDurationMs),
    heartbeatDelayMs: ms(c?.heartbeat?.delay, d.cluster.heartbeatDelayMs),
    heartbeatThreshold: c?.heartbeat?.threshold ?? d.cluster.heartbeatThreshold,
    liveMigrationConcurrent: c?.liveMigration?.concurrent ?? d.cluster.liveMigrationConcurrent,
    liveMigrationBandwidthBps: c?.liveMigration?.bandwidth === undefined ? d.cluster.liveMigrationBandwidthBps : size(parseBandwidth, c.liveMigration.bandwidth),
    quarantineCapFraction: c?.quarantineCap ?? d.cluster.quarantineCapFraction,
  };
  const vms: readonly VmGroupConfig[] =
    input.vms === undefined
      ? d.vms
      : input.vms.map((g) => ({
          count: g.count,
          storage: g.storage,
          memoryBytes: size(parseMemory, g.memory),
          configVersion: g.configVersion ?? '8.0',
          prefix: g.prefix ?? 'VM',
        }));
  const b = input.behaviour;
  return {
    driver: 'simulated',
    name: input.target,
    seed: input.seed ?? d.seed,
    lab: input.lab ?? false,
    cluster,
    nodes: input.nodes === undefined ? d.nodes : typeof input.nodes === 'number' ? nodeNames(input.nodes) : [...input.nodes],
    networks: input.networks === undefined ? d.networks : input.networks.map((n) => ({ name: n.name, nics: [...n.nics] })),
    vms,
    behaviour: {
      serviceRestartMs: b?.serviceRestart === 'never' ? undefined : ms(b?.serviceRestart, d.behaviour.serviceRestartMs ?? 0),
      joinMs: ms(b?.join, d.behaviour.joinMs),
      failoverStartMs: ms(b?.failoverStart, d.behaviour.failoverStartMs),
      powerOnBootMs: ms(b?.powerOnBoot, d.behaviour.powerOnBootMs),
      liveMigrationSetupMs: ms(b?.liveMigrationSetup, d.behaviour.liveMigrationSetupMs),
      quickMigrationMs: ms(b?.quickMigration, d.behaviour.quickMigrationMs),
      jitter: b?.jitter ?? d.behaviour.jitter,
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
    observeMs: ms(input.settings?.observe, defaultSimulatedConfig().observeMs),
  };
}
