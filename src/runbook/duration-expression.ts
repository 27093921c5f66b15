// The parser of duration expressions: `1h30m`, `cluster.quarantineDuration - 1m`, `2 * (cluster.heartbeatTimeout + 5s)`.
// A small recursive-descent parser over + - * / and parentheses, with a dimension check so that
// `30s * 30s` or `cluster.quarantineThreshold + 5s` are refused before anything runs.
import { clusterSettingNames, type ClusterSettingName, type DurationExpr } from './model.js';
import { unknownName } from './suggest.js';

/** Why an expression could not be parsed; `offset` is where in the text the problem starts. */
export interface ExpressionError {
  readonly code: 'bare-number' | 'invalid-duration' | 'unknown-setting';
  readonly message: string;
  readonly offset: number;
}

export type ParsedExpression = { readonly ok: true; readonly expr: DurationExpr } | { readonly ok: false; readonly error: ExpressionError };

/** Settings that read as plain numbers; every other cluster setting reads as a duration. */
const numberSettings: ReadonlySet<ClusterSettingName> = new Set([
  'heartbeatThreshold',
  'quarantineThreshold',
  'liveMigrationConcurrent',
]);

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof unitMs;
const isUnit = (s: string): s is Unit => Object.hasOwn(unitMs, s);

type Token =
  | { readonly kind: 'duration'; readonly ms: number; readonly offset: number; readonly text: string }
  | { readonly kind: 'number'; readonly value: number; readonly offset: number; readonly text: string }
  | { readonly kind: 'setting'; readonly name: ClusterSettingName; readonly offset: number; readonly text: string }
  | { readonly kind: 'op'; readonly op: '+' | '-' | '*' | '/' | '(' | ')'; readonly offset: number; readonly text: string };

class ExpressionFailure extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

const fail = (code: ExpressionError['code'], message: string, offset: number): never => {
  throw new ExpressionFailure({ code, message, offset });
};

/** A number with one or more unit parts (`1h30m`), a plain number, or a number glued to an unknown unit. */
function readNumberOrDuration(text: string, start: number): Token {
  const part = /(\d+(?:\.\d+)?)([a-zA-Z]*)/y;
  let offset = start;
  let ms = 0;
  let parts = 0;
  for (;;) {
    part.lastIndex = offset;
    const match = part.exec(text);
    if (match === null) break;
    const [whole, digits = '', unit = ''] = match;
    if (unit === '') {
      if (parts === 0) return { kind: 'number', value: Number(digits), offset: start, text: whole };
      fail('invalid-duration', `'${text.slice(start, offset + whole.length)}' ends without a unit: write it, e.g. 1m30s`, start);
    }
    if (!isUnit(unit)) {
      fail('invalid-duration', `unknown unit '${unit}' in '${text.slice(start, offset + whole.length)}' (use ms, s, m or h)`, offset + digits.length);
    }
    ms += Number(digits) * unitMs[unit as Unit];
    parts += 1;
    offset += whole.length;
  }
  return { kind: 'duration', ms, offset: start, text: text.slice(start, offset) };
}

/** Splits an expression into numbers, durations, settings and operators. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (/[0-9.]/.test(c)) {
      const token = readNumberOrDuration(text, i);
      if (token.text === '') fail('invalid-duration', `unexpected '${c}' in duration '${text}'`, i);
      tokens.push(token);
      i += token.text.length;
    } else if ('+-*/()'.includes(c)) {
      tokens.push({ kind: 'op', op: c as '+', offset: i, text: c });
      i += 1;
    } else {
      const word = /[A-Za-z_][A-Za-z0-9_.]*/y;
      word.lastIndex = i;
      const match = word.exec(text);
      if (match === null) fail('invalid-duration', `unexpected '${c}' in duration '${text}'`, i);
      const name = (match as RegExpExecArray)[0];
      if (!name.startsWith('cluster.')) {
        fail('invalid-duration', `'${name}' is not a duration: write a number with a unit (30s, 5m, 1h30m) or cluster.<setting>`, i);
      }
      const setting = name.slice('cluster.'.length);
      if (!(clusterSettingNames as readonly string[]).includes(setting)) {
        fail('unknown-setting', unknownName('cluster setting', setting, clusterSettingNames), i);
      }
      tokens.push({ kind: 'setting', name: setting as ClusterSettingName, offset: i, text: name });
      i += name.length;
    }
  }
  return tokens;
}

type Dimension = 'duration' | 'number';
interface Typed {
  readonly expr: DurationExpr;
  readonly dimension: Dimension;
}

/** Recursive descent with the usual precedence; tracks whether each part is a duration or a number. */
class Parser {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  parse(): Typed {
    const result = this.sum();
    const extra = this.tokens[this.index];
    if (extra !== undefined) fail('invalid-duration', `unexpected '${extra.text}' in duration '${this.text}'`, extra.offset);
    return result;
  }

  private sum(): Typed {
    let left = this.product();
    for (let t = this.peekOp('+', '-'); t !== undefined; t = this.peekOp('+', '-')) {
      this.index += 1;
      const right = this.product();
      if (left.dimension !== right.dimension) {
        fail('invalid-duration', `cannot ${t.op === '+' ? 'add' : 'subtract'} a plain number and a duration in '${this.text}': write the unit`, t.offset);
      }
      left = { expr: { kind: 'binary', op: t.op as '+' | '-', left: left.expr, right: right.expr }, dimension: left.dimension };
    }
    return left;
  }

  private product(): Typed {
    let left = this.factor();
    for (let t = this.peekOp('*', '/'); t !== undefined; t = this.peekOp('*', '/')) {
      this.index += 1;
      const right = this.factor();
      const dimension = combine(t.op as '*' | '/', left.dimension, right.dimension);
      if (dimension === undefined) fail('invalid-duration', `cannot ${t.op === '*' ? 'multiply' : 'divide'} these in '${this.text}'`, t.offset);
      left = { expr: { kind: 'binary', op: t.op as '*' | '/', left: left.expr, right: right.expr }, dimension: dimension as Dimension };
    }
    return left;
  }

  private factor(): Typed {
    const t = this.tokens[this.index];
    if (t === undefined) return fail('invalid-duration', `duration '${this.text}' ends too early`, this.text.length);
    this.index += 1;
    switch (t.kind) {
      case 'duration':
        return { expr: { kind: 'literal', ms: t.ms }, dimension: 'duration' };
      case 'number':
        return { expr: { kind: 'number', value: t.value }, dimension: 'number' };
      case 'setting':
        return { expr: { kind: 'setting', name: t.name }, dimension: numberSettings.has(t.name) ? 'number' : 'duration' };
      case 'op': {
        if (t.op !== '(') return fail('invalid-duration', `unexpected '${t.text}' in duration '${this.text}'`, t.offset);
        const inner = this.sum();
        const close = this.tokens[this.index];
        if (close?.kind !== 'op' || close.op !== ')') fail('invalid-duration', `missing ')' in duration '${this.text}'`, close?.offset ?? this.text.length);
        this.index += 1;
        return inner;
      }
    }
  }

  private peekOp(...ops: readonly string[]): Extract<Token, { kind: 'op' }> | undefined {
    const t = this.tokens[this.index];
    return t?.kind === 'op' && ops.includes(t.op) ? t : undefined;
  }
}

/** number*duration and duration/number are durations; duration/duration is a ratio; duration*duration is nothing. */
function combine(op: '*' | '/', a: Dimension, b: Dimension): Dimension | undefined {
  if (op === '*') return a === 'duration' && b === 'duration' ? undefined : a === 'number' && b === 'number' ? 'number' : 'duration';
  if (b === 'number') return a;
  return a === 'duration' ? 'number' : undefined;
}

/** Parses a duration as written; the whole expression must be a duration, not a plain number. */
export function parseDurationExpression(text: string): ParsedExpression {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) fail('invalid-duration', 'empty duration: write one, e.g. 30s', 0);
    const typed = new Parser(tokens, text).parse();
    if (typed.dimension === 'number') {
      const bare = tokens.length === 1 && tokens[0]?.kind === 'number';
      fail(
        'bare-number',
        bare ? `a bare number is not a duration: write the unit, e.g. ${text.trim()}s` : `'${text}' is a plain number, not a duration: write the unit`,
        0,
      );
    }
    return { ok: true, expr: typed.expr };
  } catch (error) {
    if (error instanceof ExpressionFailure) return { ok: false, error: error.detail };
    throw error;
  }
}
