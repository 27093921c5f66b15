// Test helper: parses PowerShell with tree-sitter-powershell (web-tree-sitter) and lists every syntax
// problem (ERROR and MISSING nodes) with its line and column. No PowerShell exists on these machines.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parser: Promise<Parser> | undefined;

/** One parser for the whole test file: loading the grammar costs tens of ms. */
export function powershellParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

export interface SyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly kind: 'ERROR' | 'MISSING';
  readonly text: string;
}

// Walks the tree once, collecting error and missing nodes.
function collect(node: Node, out: SyntaxProblem[]): void {
  if (node.isError || node.isMissing) {
    out.push({
      line: node.startPosition.row + 1,
      column: node.startPosition.column + 1,
      kind: node.isMissing ? 'MISSING' : 'ERROR',
      text: node.text.slice(0, 60),
    });
  }
  for (const child of node.children) if (child) collect(child, out);
}

/** Every syntax problem of `source`; empty when it parses cleanly. */
export async function syntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const tree = (await powershellParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const out: SyntaxProblem[] = [];
  collect(tree.rootNode, out);
  tree.delete();
  return out;
}

/** Parses `source` and returns its root node (the tree is kept alive for the test). */
export async function parsePowerShell(source: string): Promise<Node> {
  const tree = (await powershellParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}
