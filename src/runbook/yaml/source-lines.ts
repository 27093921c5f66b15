// Offsets into a file's text turned into 1-based line and column, the way editors count them.
import type { TextPosition } from './yaml-tree.js';

/** Precomputed line starts of a text, for fast offset -> line/column lookups. */
export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The position of `offset` (clamped into the text). */
  at(offset: number): TextPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1, offset };
  }
}
