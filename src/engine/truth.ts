// Three-valued truth: a condition over an unknown value (a VM whose host cannot be queried) is neither
// true nor false (SIMULATOR.md point 15), and verdicts that depend on it must not silently pass.

export type Truth = true | false | 'unknown';

/** Every member must hold: one false decides false; otherwise one unknown makes the whole unknown. */
export function everyTruth(count: number, truthAt: (i: number) => Truth): Truth {
  let unknown = false;
  for (let i = 0; i < count; i++) {
    const t = truthAt(i);
    if (t === false) return false;
    if (t === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : true;
}

/** The negation of a truth; unknown stays unknown. */
export const notTruth = (t: Truth): Truth => (t === 'unknown' ? 'unknown' : !t);

/**
 * Compares a count known only to lie in [sure, sure + unsure] with `n`: true or false when every
 * possible count agrees, unknown otherwise.
 */
export function compareCount(sure: number, unsure: number, compare: 'above' | 'below' | 'equals', n: number): Truth {
  const low = sure;
  const high = sure + unsure;
  switch (compare) {
    case 'above':
      return low > n ? true : high <= n ? false : 'unknown';
    case 'below':
      return high < n ? true : low >= n ? false : 'unknown';
    case 'equals':
      if (unsure === 0) return low === n;
      return n < low || n > high ? false : 'unknown';
  }
}
