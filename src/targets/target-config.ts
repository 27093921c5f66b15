// The checked content of a target file (RUNBOOK-FORMAT.md, "Target file"), as the loader hands it to
// the target factories. Durations are in ms; positions stay with the loader.
import type { ClusterSettings, Storage } from './cluster-state.js';

export type BugProfile =
  | 'quarantine-skips-drain'
  | 'drain-restarts-vms'
  | 'no-isolation'
  | 'frozen-after-isolation'
  | 'quarantine-never-clears';

export const bugProfiles: readonly BugProfile[] = [
  'quarantine-skips-drain',
  'drain-restarts-vms',
  'no-isolation',
  'frozen-after-isolation',
  'quarantine-never-clears',
];

export interface VmGroupConfig {
  readonly count: number;
  readonly storage: Storage;
  readonly memoryBytes: number;
  /** Defaults to "8.0" (Windows Server 2016). */
  readonly configVersion: string;
  /** Name prefix; VMs are named <prefix>0001.. continuing across groups (default "VM"). */
  readonly prefix: string;
}

/** Timings of the simulated cluster (the `behaviour:` block). All durations in ms. */
export interface SimulatedBehaviour {
  /** After a crash the service manager restarts the cluster service; undefined = `never`. */
  readonly serviceRestartMs: number | undefined;
  readonly joinMs: number;
  readonly failoverStartMs: number;
  /** Boot time of a powered-on node before it joins (SIMULATOR.md point 10: 3m by default). */
  readonly powerOnBootMs: number;
  /** Fixed setup time added to every live migration (SIMULATOR.md point 4: 2s). */
  readonly liveMigrationSetupMs: number;
  /** Quick migration: save, move, resume (an [I] parameter). */
  readonly quickMigrationMs: number;
  /** 0.1 = every delay varies +-10 %, seeded. */
  readonly jitter: number;
}

export interface SimulatedTargetConfig {
  readonly driver: 'simulated';
  readonly name: string;
  readonly seed: number;
  readonly lab: boolean;
  readonly cluster: ClusterSettings;
  readonly nodes: readonly string[];
  readonly networks: readonly { readonly name: string; readonly nics: readonly string[] }[];
  readonly vms: readonly VmGroupConfig[];
  readonly behaviour: SimulatedBehaviour;
  readonly bugs: readonly BugProfile[];
  /** Poll interval when the engine polls instead of watching (ms). */
  readonly observeMs: number;
}

export type Transport =
  | { readonly kind: 'winrm' }
  | { readonly kind: 'ssh'; readonly user?: string; readonly keyFile?: string };

export type CredentialSource = { readonly env: string } | { readonly file: string } | undefined;

export interface PowerShellTargetConfig {
  readonly driver: 'powershell';
  readonly name: string;
  /** DNS name of the cluster (or of one of its nodes). */
  readonly cluster: string;
  /** Node names known offline (validate and dry-run work without connecting). */
  readonly nodes: readonly string[] | undefined;
  readonly lab: boolean;
  readonly transport: Transport;
  readonly credential: CredentialSource;
  readonly pwsh: string;
  readonly observeMs: number;
}

export type TargetConfig = SimulatedTargetConfig | PowerShellTargetConfig;

/** A target config with where it came from (for messages and the journal). */
export interface LoadedTarget {
  readonly path: string;
  readonly config: TargetConfig;
}
