/** Levenshtein distance, for telling a typo from a new word. */
export function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * The candidate `word` most likely means: the same letters in another case or spacing, else the
 * nearest within `maxDistance` edits (words of 4 letters or more), else none.
 */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[\s_-]/g, "");
  const exact = candidates.find((c) => plain(c) === plain(word));
  if (exact || word.length < 4) return exact;
  const scored = candidates
    .map((c) => ({ c, d: distance(plain(c), plain(word)) }))
    .filter(({ d }) => d <= maxDistance)
    .sort((x, y) => x.d - y.d);
  return scored[0]?.c;
}
