// Where the agent scripts are on disk. From src/ (tests) they sit beside this file; from dist/ they are
// the copy shipped under src/targets/powershell/agent (package.json "files").
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The directory holding drill-agent.ps1, steps/ and remote/. */
export function agentDirectory(): string {
  const candidates = [join(here, 'agent'), join(here, '..', '..', '..', 'src', 'targets', 'powershell', 'agent')];
  return candidates.find((dir) => existsSync(join(dir, 'drill-agent.ps1'))) ?? candidates[0]!;
}

/** The script pwsh runs with -File. */
export const agentScriptPath = (): string => join(agentDirectory(), 'drill-agent.ps1');
