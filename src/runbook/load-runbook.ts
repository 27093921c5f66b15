// Loading a runbook: YAML with positions -> schema, section by section -> the checked model, or every
// problem of the file at once as positioned diagnostics.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Diagnostic } from '../errors/drill-error.js';
import { fileNotFound, missingField, sortDiagnostics } from './file-diagnostics.js';
import { BuildContext } from './build/build-context.js';
import { buildAbort, buildSteadyState } from './build/build-checks.js';
import { buildRequires, buildSettings, buildVars } from './build/build-header.js';
import { buildRollback, buildStep } from './build/build-step.js';
import { checkBlastRadius, type PlacedStep } from './build/blast-radius.js';
import type { Runbook } from './model.js';
import { SectionParser } from './parse-sections.js';
import { abortSchema, expectationSchema, steadyStateSchema } from './schema/expectation-schema.js';
import { runbookNameSchema } from './schema/names-schema.js';
import { requiresSchema, runbookSchema, settingsSchema, varsSchema } from './schema/runbook-schema.js';
import { rollbackSchema, stepSchema } from './schema/step-schema.js';

/** A step with its expectations left open (they are parsed entry by entry). */
const stepHeadSchema = stepSchema.extend({ expect: z.unknown().optional() });
import { strictFields } from './schema/strict-fields.js';
import { parseYamlTree } from './yaml/parse-yaml-tree.js';
import { toPlain } from './yaml/yaml-locate.js';

export type RunbookLoad = { readonly ok: true; readonly runbook: Runbook } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The top level with every section left open: catches unknown and missing top-level fields. */
const topLevelSchema = strictFields(
  Object.fromEntries(Object.keys(runbookSchema.shape).map((k) => [k, z.unknown().optional()])) as Record<keyof typeof runbookSchema.shape, z.ZodOptional<z.ZodUnknown>>,
);

/** Reads and checks a runbook file. */
export async function loadRunbook(path: string): Promise<RunbookLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, diagnostics: [fileNotFound(path, error)] };
  }
  return parseRunbook(text, path);
}

/** Checks runbook text as if read from `path`; the model only when the file has no problem at all. */
export function parseRunbook(text: string, path: string): RunbookLoad {
  const tree = parseYamlTree(text, path, "a runbook (runbook:, steps:, ...)");
  if (tree.root === undefined) return { ok: false, diagnostics: tree.diagnostics };
  const root = tree.root;
  if (root.kind !== 'mapping') {
    return { ok: false, diagnostics: [...tree.diagnostics, { file: path, line: root.at.line, column: root.at.column, code: 'invalid-value', message: 'a runbook is a mapping of fields: runbook:, steps:, ...' }] };
  }
  const plain = toPlain(root) as Record<string, unknown>;
  const sections = new SectionParser({ file: path, root });
  sections.one(topLevelSchema, plain, []);
  const name = sections.one(runbookNameSchema.optional(), plain['runbook'], ['runbook']);
  if (plain['runbook'] === undefined) sections.diagnostics.push(missingField(path, root.at, 'runbook'));
  const description = sections.one(z.string().optional(), plain['description'], ['description']);
  const requiresInput = sections.one(requiresSchema.optional(), plain['requires'], ['requires']);
  const varsInput = sections.one(varsSchema.optional(), plain['vars'], ['vars']);
  const settingsInput = sections.one(settingsSchema.optional(), plain['settings'], ['settings']);
  const steadyInput = sections.each(steadyStateSchema, plain['steadyState'], ['steadyState']);
  // A step's expectations are parsed one by one, so a mistake in one does not hide the others'.
  const rawSteps = Array.isArray(plain['steps']) ? (plain['steps'] as unknown[]) : [];
  const stepsInput = sections.each(stepHeadSchema, plain['steps'], ['steps']).map(({ data, path: p }) => ({
    data,
    path: p,
    expect: sections.each(expectationSchema, data.expect, [...p, 'expect']),
  }));
  // Expectations of steps whose head has a problem are still checked against their schema.
  rawSteps.forEach((raw, i) => {
    if (stepsInput.some((s) => s.path[1] === i) || raw === null || typeof raw !== 'object') return;
    sections.each(expectationSchema, (raw as Record<string, unknown>)['expect'], ['steps', i, 'expect']);
  });
  if (plain['steps'] === undefined) sections.diagnostics.push(missingField(path, root.at, 'steps'));
  else if (Array.isArray(plain['steps']) && plain['steps'].length === 0) sections.one(runbookSchema.shape.steps, plain['steps'], ['steps']);
  const rollbackInput = sections.each(rollbackSchema, plain['rollback'], ['rollback']);
  const abortInput = sections.each(abortSchema, plain['abort'], ['abort']);

  // Var names come from the raw mapping, so a var with a mistake still counts as declared.
  const rawVars = plain['vars'];
  const varNames = rawVars !== null && typeof rawVars === 'object' && !Array.isArray(rawVars) ? Object.keys(rawVars) : [];
  const context = new BuildContext(path, root, varNames);
  const rootAt = context.at([]);
  const vars = varsInput === undefined ? [] : buildVars(varsInput, ['vars'], context);
  const settings = buildSettings(settingsInput, ['settings'], context, rootAt);
  const requires = buildRequires(requiresInput, ['requires'], context);
  const steadyState = built(steadyInput, (d, p) => buildSteadyState(d, p, context));
  const placed: PlacedStep[] = stepsInput.flatMap(({ data, path: p, expect }) => {
    const step = buildStep(data, expect, p, context);
    return step === undefined ? [] : [{ step, path: p }];
  });
  const rollback = built(rollbackInput, (d, p) => buildRollback(d, p, context));
  const abort = built(abortInput, (d, p) => buildAbort(d, p, context));
  checkBlastRadius(placed, settings.maxNodesAffected, context);

  const diagnostics = sortDiagnostics([...tree.diagnostics, ...sections.diagnostics, ...context.diagnostics]);
  if (diagnostics.length > 0 || name === undefined) return { ok: false, diagnostics };
  const runbook: Runbook = {
    name,
    ...(description === undefined ? {} : { description }),
    source: { path, sha256: createHash('sha256').update(text).digest('hex') },
    requires,
    vars,
    settings,
    steadyState,
    steps: placed.map((p) => p.step),
    rollback,
    abort,
  };
  return { ok: true, runbook };
}

/** Builds each parsed entry, dropping those that failed (their problems are already recorded). */
function built<I, O>(entries: readonly { readonly data: I; readonly path: readonly PropertyKey[] }[], build: (data: I, path: readonly PropertyKey[]) => O | undefined): O[] {
  return entries.flatMap(({ data, path }) => {
    const value = build(data, path);
    return value === undefined ? [] : [value];
  });
}
