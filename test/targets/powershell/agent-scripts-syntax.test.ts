// Every .ps1 shipped with the package parses without a syntax error.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentDirectory } from '../../../src/targets/powershell/agent-location.js';
import { syntaxProblems } from './powershell-syntax.js';

// All .ps1 files under a directory, recursively.
function ps1Files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? ps1Files(join(dir, entry.name)) : entry.name.endsWith('.ps1') ? [join(dir, entry.name)] : [],
  );
}

const root = agentDirectory();
const files = ps1Files(root);

describe('agent scripts', () => {
  it('ships the agent, its remote readers, the cluster lock and one script per step', () => {
    const names = files.map((f) => relative(root, f)).sort();
    expect(names).toContain('drill-agent.ps1');
    expect(names).toContain(join('remote', 'observe-cluster.ps1'));
    expect(names).toContain(join('lib', 'drill-sessions.ps1'));
    expect(names).toContain(join('lib', 'drill-operations.ps1'));
    expect(names).toContain(join('lock', 'cluster-lock.ps1'));
    expect(names.filter((n) => n.startsWith('steps')).length).toBe(11);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s parses with tree-sitter-powershell', async (_name, file) => {
    expect(await syntaxProblems(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the agent dot-sources exactly the lib scripts that exist', () => {
    const agent = readFileSync(join(root, 'drill-agent.ps1'), 'utf8');
    const sourced = [...agent.matchAll(/^\. \(Join-Path \$AgentDirectory '([^']+)'\)/gm)].map((m) => m[1]);
    expect(sourced).toEqual(['lib/drill-sessions.ps1', 'lib/drill-operations.ps1']);
    for (const file of sourced) expect(files).toContain(join(root, file!));
  });

  it('the checker itself finds a syntax error', async () => {
    const problems = await syntaxProblems('param([string]$Node)\nif ($Node -eq { \n');
    expect(problems.length).toBeGreaterThan(0);
  });
});
