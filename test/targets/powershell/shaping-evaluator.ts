// Test helper: runs the agent's shaping functions (ConvertTo-Drill* in agent/remote/*.ps1) on recorded-style
// PowerShell objects, without PowerShell. It reads each function with tree-sitter and evaluates the one
// form the functions are written in — `key = [cast]$Param.Path` or `key = Helper $Param.Path` inside an
// [ordered]@{} — and throws on anything else, so a function that drifts from that form fails the test.
// Recorded enums are {"@enum": type, value, name}: [int]/[long] read the value, [string] the name.
import type { Node } from 'web-tree-sitter';
import { parsePowerShell } from './powershell-syntax.js';

type Value = unknown;
export type ShapingFunction = (input: Value) => Record<string, Value>;

interface Enum {
  readonly '@enum': string;
  readonly value: number;
  readonly name: string;
}
const isEnum = (v: Value): v is Enum => typeof v === 'object' && v !== null && '@enum' in v;

// Breadth-first search for the first descendant of one of `types` (the value of an entry is deeply nested).
function firstOf(node: Node, types: readonly string[]): Node | undefined {
  const queue: Node[] = [node];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (types.includes(n.type)) return n;
    for (const c of n.namedChildren) if (c) queue.push(c);
  }
  return undefined;
}

// `$Var.A.B` -> ['$Var', 'A', 'B'].
function memberPath(node: Node): string[] {
  if (node.type === 'variable') return [node.text];
  if (node.type !== 'member_access') throw new Error(`unsupported operand ${node.type}: ${node.text}`);
  const [object, member] = node.namedChildren;
  if (!object || !member) throw new Error(`incomplete member access ${node.text}`);
  return [...memberPath(object), member.text];
}

function read(input: Value, path: readonly string[]): Value {
  let v: Value = input;
  for (const key of path) v = v === null || v === undefined ? null : (v as Record<string, Value>)[key] ?? null;
  return v;
}

// PowerShell's conversions for the casts the shaping functions use.
function cast(type: string, v: Value): Value {
  switch (type.toLowerCase()) {
    case 'int':
    case 'long':
      if (v === null) return 0;
      if (isEnum(v)) return v.value;
      if (typeof v === 'number') return Math.round(v);
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
      throw new Error(`cannot cast ${JSON.stringify(v)} to [${type}]`);
    case 'string':
      if (v === null) return '';
      if (isEnum(v)) return v.name;
      return String(v);
    case 'bool':
      return Boolean(v);
    default:
      throw new Error(`unsupported cast [${type}]`);
  }
}

// The helpers the entries may call, with their PowerShell meaning.
const helpers: Record<string, (v: Value) => Value> = {
  'ConvertTo-DrillNullableCode': (v) => (v === null ? null : cast('int', v)),
};

// Compiles one hash entry's value into a function of the input object.
function compileValue(entry: Node, parameter: string): (input: Value) => Value {
  const pipeline = entry.namedChildren[1];
  if (!pipeline) throw new Error(`entry without a value: ${entry.text}`);
  const target = firstOf(pipeline, ['cast_expression', 'command']);
  if (!target) throw new Error(`unsupported entry value: ${pipeline.text}`);
  const operand = firstOf(target.type === 'cast_expression' ? target.namedChildren[1]! : target, ['member_access', 'variable']);
  if (!operand) throw new Error(`no operand in ${target.text}`);
  const [root, ...path] = memberPath(operand);
  if (root?.toLowerCase() !== parameter.toLowerCase()) throw new Error(`${target.text} reads ${root}, not the parameter ${parameter}`);
  if (target.type === 'cast_expression') {
    const type = firstOf(target, ['type_identifier'])?.text ?? '';
    return (input) => cast(type, read(input, path));
  }
  const name = firstOf(target, ['command_name'])?.text ?? '';
  const helper = helpers[name];
  if (!helper) throw new Error(`unknown helper ${name}`);
  return (input) => helper(read(input, path));
}

/** The ConvertTo-Drill* functions of a script that build an [ordered]@{} from their one parameter. */
export async function shapingFunctions(source: string): Promise<Map<string, ShapingFunction>> {
  const root = await parsePowerShell(source);
  const functions = new Map<string, ShapingFunction>();
  const definitions = root.descendantsOfType('function_statement').filter((n): n is Node => n !== null);
  const defined = new Set(definitions.map((d) => firstOf(d, ['function_name'])?.text ?? ''));
  for (const definition of definitions) {
    const name = firstOf(definition, ['function_name'])?.text ?? '';
    const hash = firstOf(definition, ['hash_literal_expression']);
    if (!name.startsWith('ConvertTo-Drill') || !hash) continue;
    const parameter = firstOf(definition, ['script_parameter'])?.text;
    if (!parameter) throw new Error(`${name} has no parameter`);
    const entries = hash.descendantsOfType('hash_entry').filter((e): e is Node => e !== null && e.parent?.parent?.id === hash.id);
    const compiled = entries.map((e) => {
      const key = e.namedChildren[0]?.text ?? '';
      const helperCall = firstOf(e, ['command_name'])?.text;
      if (helperCall && !defined.has(helperCall)) throw new Error(`${name} calls ${helperCall}, which the script does not define`);
      return [key, compileValue(e, parameter)] as const;
    });
    functions.set(name, (input) => Object.fromEntries(compiled.map(([k, f]) => [k, f(input)])));
  }
  return functions;
}
