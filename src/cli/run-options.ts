// The options of `drill run`, parsed once into a typed shape (bad values are invalid input, exit 2).
import { DrillError } from '../errors/drill-error.js';

export interface RunOptions {
  readonly target?: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly seed?: number;
  readonly junit?: string;
  readonly json?: string;
  readonly html?: string;
  readonly dryRun: boolean;
  readonly speed?: number;
  readonly force: boolean;
  readonly runsDir?: string;
  /** Path of the history database, or false for `--no-history`. */
  readonly history: string | false;
  readonly baseline?: number;
}

/** Raw commander values (strings and repeatable lists). */
export interface RawRunOptions {
  target?: string;
  var?: string[];
  seed?: string;
  junit?: string;
  json?: string;
  html?: string;
  dryRun?: boolean;
  speed?: string;
  force?: boolean;
  runsDir?: string;
  history?: string | false;
  baseline?: string;
}

const usage = (message: string, hint: string): DrillError => new DrillError('invalid-input', message, { hint });

/** `--var name=value` may be repeated; a later value for the same name wins. */
export function parseVarOptions(pairs: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_][\w-]*)=(.+)$/.exec(pair);
    if (!match) throw usage(`--var '${pair}' is not name=value`, 'write it as --var victim=HV02');
    vars[match[1]!] = match[2]!;
  }
  return vars;
}

const integer = (flag: string, text: string, min: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw usage(`${flag} '${text}' is not an integer of at least ${min}`, `e.g. ${flag} ${Math.max(min, 1)}`);
  return n;
};

export function parseRunOptions(raw: RawRunOptions): RunOptions {
  const speed = raw.speed === undefined ? undefined : Number(raw.speed);
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) {
    throw usage(`--speed '${raw.speed}' is not a positive number`, 'e.g. --speed 60 runs a simulated minute per second');
  }
  return {
    ...(raw.target !== undefined ? { target: raw.target } : {}),
    vars: parseVarOptions(raw.var ?? []),
    ...(raw.seed !== undefined ? { seed: integer('--seed', raw.seed, 0) } : {}),
    ...(raw.junit !== undefined ? { junit: raw.junit } : {}),
    ...(raw.json !== undefined ? { json: raw.json } : {}),
    ...(raw.html !== undefined ? { html: raw.html } : {}),
    dryRun: raw.dryRun === true,
    ...(speed !== undefined ? { speed } : {}),
    force: raw.force === true,
    ...(raw.runsDir !== undefined ? { runsDir: raw.runsDir } : {}),
    history: raw.history === false ? false : (raw.history ?? '.drill/history.db'),
    ...(raw.baseline !== undefined ? { baseline: integer('--baseline', raw.baseline, 1) } : {}),
  };
}
