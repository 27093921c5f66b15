// Loading a target file: positioned YAML -> the driver's schema -> TargetConfig, or positioned diagnostics.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Diagnostic } from '../errors/drill-error.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { buildPowershellTarget, buildSimulatedTarget } from './build/build-target.js';
import { fileNotFound, sortDiagnostics } from './file-diagnostics.js';
import { SectionParser } from './parse-sections.js';
import { powershellTargetSchema, simulatedTargetSchema, targetDrivers } from './schema/target-schema.js';
import { unknownName } from './suggest.js';
import { parseYamlTree } from './yaml/parse-yaml-tree.js';
import { positionAt, toPlain } from './yaml/yaml-locate.js';

export type TargetLoad = { readonly ok: true; readonly target: LoadedTarget } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** targets/simulated.yaml of the package, whatever the working directory (src/ and dist/ are siblings of targets/). */
export const defaultTargetPath: string = fileURLToPath(new URL('../../targets/simulated.yaml', import.meta.url));

/** Reads and checks a target file. */
export async function loadTargetFile(path: string): Promise<TargetLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, diagnostics: [fileNotFound(path, error)] };
  }
  return parseTargetFile(text, path);
}

/** Checks target-file text as if read from `path`. */
export function parseTargetFile(text: string, path: string): TargetLoad {
  const tree = parseYamlTree(text, path, 'a target file (target:, driver:, ...)');
  const root = tree.root;
  if (root === undefined) return { ok: false, diagnostics: tree.diagnostics };
  const fail = (at: { line: number; column: number }, code: Diagnostic['code'], message: string): TargetLoad => ({
    ok: false,
    diagnostics: sortDiagnostics([...tree.diagnostics, { file: path, line: at.line, column: at.column, code, message }]),
  });
  if (root.kind !== 'mapping') return fail(root.at, 'invalid-value', 'a target file is a mapping of fields: target:, driver:, ...');
  const plain = toPlain(root) as Record<string, unknown>;
  const driver = plain['driver'];
  if (driver === undefined) return fail(root.at, 'missing-field', `missing field 'driver' (${targetDrivers.join(' or ')})`);
  if (typeof driver !== 'string' || !(targetDrivers as readonly string[]).includes(driver)) {
    return fail(positionAt(root, ['driver']), 'invalid-value', unknownName('driver', String(driver), targetDrivers));
  }
  const sections = new SectionParser({ file: path, root });
  const schema: z.ZodType = driver === 'simulated' ? simulatedTargetSchema : powershellTargetSchema;
  const parsed = sections.one(schema, plain, []);
  const diagnostics = sortDiagnostics([...tree.diagnostics, ...sections.diagnostics]);
  if (diagnostics.length > 0 || parsed === undefined) return { ok: false, diagnostics };
  const config =
    driver === 'simulated' ? buildSimulatedTarget(simulatedTargetSchema.parse(plain)) : buildPowershellTarget(powershellTargetSchema.parse(plain));
  return { ok: true, target: { path, config } };
}
