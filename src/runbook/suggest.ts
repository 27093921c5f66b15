// "Did you mean ...?": the nearest known name to a misspelt one, so every message says what to write.

/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate, if it is close enough and the only one that close (case-insensitive). */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && candidate !== best) {
      tied = true;
    }
  }
  // HV05 is as close to HV01 as to HV04: a guess would mislead, so none is offered.
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  if (best !== undefined && !tied && bestDistance <= limit) return best;
  // `partition` for `partition-node`: a shortened name is what the user meant when only one fits.
  const containing = wanted.length >= 3 ? [...candidates].filter((c) => c.toLowerCase().includes(wanted)) : [];
  return containing.length === 1 ? containing[0] : undefined;
}

/** `, did you mean 'within'?` or nothing, to append to a message about an unknown name. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const guess = nearest(name, candidates);
  return guess === undefined ? '' : `, did you mean '${guess}'?`;
}

/** The message for a name that is not one of the known ones, with the nearest or the full list. */
export function unknownName(what: string, name: string, candidates: readonly string[]): string {
  const guess = nearest(name, candidates);
  if (guess !== undefined) return `unknown ${what} '${name}', did you mean '${guess}'?`;
  return candidates.length <= 12
    ? `unknown ${what} '${name}' (one of ${candidates.join(', ')})`
    : `unknown ${what} '${name}'`;
}
