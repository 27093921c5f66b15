// Finds where a JSON path sits in a saved journal's text, so validation errors point at a line and
// column instead of a bare path (the text is already known to be valid JSON).

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Offset of the value at `path` (or of the deepest existing parent when a key is missing). */
export function offsetOfPath(text: string, path: readonly PropertyKey[]): number {
  const scanner = new JsonScanner(text);
  return scanner.find(path);
}

/** A minimal JSON walker: skips values it does not need, descends into the ones on the path. */
class JsonScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  find(path: readonly PropertyKey[]): number {
    this.skipSpace();
    let found = this.i;
    for (const key of path) {
      const at = this.descend(key);
      if (at === null) return found;
      found = at;
    }
    return found;
  }

  /** Moves to the member `key` of the value at the cursor; null if absent. */
  private descend(key: PropertyKey): number | null {
    const open = this.text[this.i];
    if (open === '{') {
      this.i++;
      for (;;) {
        this.skipSpace();
        if (this.text[this.i] === '}') return null;
        const keyAt = this.i;
        const name = this.readString();
        this.skipSpace();
        this.i++; // ':'
        this.skipSpace();
        if (name === String(key)) return this.text[this.i] === '{' || this.text[this.i] === '[' ? this.i : keyAt;
        this.skipValue();
        this.skipSpace();
        if (this.text[this.i] === ',') this.i++;
      }
    }
    if (open === '[' && typeof key === 'number') {
      this.i++;
      for (let index = 0; ; index++) {
        this.skipSpace();
        if (this.text[this.i] === ']') return null;
        if (index === key) return this.i;
        this.skipValue();
        this.skipSpace();
        if (this.text[this.i] === ',') this.i++;
      }
    }
    return null;
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private readString(): string {
    const start = this.i;
    this.skipString();
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private skipString(): void {
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
  }

  private skipValue(): void {
    const c = this.text[this.i];
    if (c === '"') return this.skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (this.i < this.text.length) {
        const d = this.text[this.i];
        if (d === '"') {
          this.skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') depth--;
        this.i++;
        if (depth === 0) return;
      }
      return;
    }
    while (this.i < this.text.length && !/[,\]}\s]/.test(this.text[this.i] ?? '')) this.i++;
  }
}
