// Node references (`HV01`, `$victim`) turned into node names once vars are resolved at preflight.
import { DrillError } from '../errors/drill-error.js';
import type { NodeRef } from '../runbook/model.js';

export type ResolvedVars = Readonly<Record<string, string>>;

/** The node a reference names; an unknown var is a loader bug, reported as internal. */
export function nodeName(ref: NodeRef, vars: ResolvedVars): string {
  if (ref.kind === 'name') return ref.name;
  const name = vars[ref.var];
  if (name === undefined) throw new DrillError('internal', `var $${ref.var} was not resolved at preflight`);
  return name;
}
