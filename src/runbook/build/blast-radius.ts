// `settings.maxNodesAffected`: the distinct nodes a runbook injects faults into, counted statically so an
// over-reaching runbook is refused at validation on every target (a var counts once, by its name).
import type { Step } from '../model.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import { nodeRefText, type BuildContext } from './build-context.js';

/** A built step and where it is written. */
export interface PlacedStep {
  readonly step: Step;
  readonly path: YamlPath;
}

/** Node references of the inject steps, in order, with where each is written. */
export function injectedNodes(steps: readonly PlacedStep[]): { readonly ref: string; readonly path: YamlPath }[] {
  return steps.flatMap(({ step, path }) =>
    step.kind === 'inject' && 'node' in step.fault ? [{ ref: nodeRefText(step.fault.node), path: [...path, 'node'] }] : [],
  );
}

/** Reports the first inject step that takes the runbook past its limit of distinct nodes. */
export function checkBlastRadius(steps: readonly PlacedStep[], limit: number, context: BuildContext): void {
  const seen: string[] = [];
  for (const { ref, path } of injectedNodes(steps)) {
    if (seen.includes(ref)) continue;
    seen.push(ref);
    if (seen.length > limit) {
      const all = [...new Set(injectedNodes(steps).map((n) => n.ref))];
      context.report(
        context.at(path),
        'blast-radius',
        `this runbook injects faults into ${all.length} distinct nodes (${all.join(', ')}) but settings.maxNodesAffected is ${limit}: raise it or inject into fewer nodes`,
      );
      return;
    }
  }
}
