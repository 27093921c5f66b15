// Loading what a command was given: the target file (or the embedded default) and every runbook, each
// checked against the target, with every problem of every file at once.
import type { Diagnostic } from '../errors/drill-error.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { checkRunbookAgainstTarget } from './check-against-target.js';
import { loadRunbook } from './load-runbook.js';
import { defaultTargetPath, loadTargetFile } from './load-target-file.js';
import type { Runbook } from './model.js';

export interface LoadedFiles {
  /** Runbooks without any problem, in the order given. */
  readonly runbooks: readonly Runbook[];
  /** Paths of the runbooks that had no problem (for `ok <file>` lines). */
  readonly validPaths: readonly string[];
  readonly target: LoadedTarget | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Loads the runbooks and, when `targetPath` is given (or `useDefaultTarget`), the target, checking each
 * runbook against it. Nothing here connects to anything.
 */
export async function loadRunbooksForTarget(
  runbookPaths: readonly string[],
  options: { readonly targetPath?: string | undefined; readonly useDefaultTarget?: boolean } = {},
): Promise<LoadedFiles> {
  const diagnostics: Diagnostic[] = [];
  const path = options.targetPath ?? (options.useDefaultTarget === true ? defaultTargetPath : undefined);
  let target: LoadedTarget | undefined;
  if (path !== undefined) {
    const loaded = await loadTargetFile(path);
    if (loaded.ok) target = loaded.target;
    else diagnostics.push(...loaded.diagnostics);
  }
  const runbooks: Runbook[] = [];
  const validPaths: string[] = [];
  for (const runbookPath of runbookPaths) {
    const loaded = await loadRunbook(runbookPath);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      continue;
    }
    const problems = target === undefined ? [] : checkRunbookAgainstTarget(loaded.runbook, target);
    diagnostics.push(...problems);
    if (problems.length === 0) {
      runbooks.push(loaded.runbook);
      validPaths.push(runbookPath);
    }
  }
  return { runbooks, validPaths, target, diagnostics };
}
