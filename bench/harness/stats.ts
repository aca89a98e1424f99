/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** a / b, or null when b is not a positive number (a ratio to nothing means nothing). */
export function ratio(a: number, b: number): number | null {
  return b > 0 && Number.isFinite(a) ? a / b : null
}

/** Element-wise a[i] - b[i], for per-round differences. */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error('differences of lists of unequal length')
  return a.map((value, i) => value - b[i]!)
}

/** Element-wise sum of several equally long lists. */
export function sums(lists: readonly (readonly number[])[]): number[] {
  const first = lists[0]
  if (!first) return []
  return first.map((_, i) => lists.reduce((total, list) => total + list[i]!, 0))
}
