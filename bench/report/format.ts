/** Number formatting shared by the tables: units chosen so a column stays readable. */

export function formatNs(ns: number): string {
  const magnitude = Math.abs(ns)
  if (magnitude >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`
  if (magnitude >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`
  return `${ns.toFixed(0)} ns`
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`
}

export function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}x`
}

/** `0.41–0.47x`: the smallest and largest of some ratios (unknown ones left out). */
export function formatRatioRange(values: readonly (number | null)[]): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value))
  if (known.length === 0) return 'n/a'
  return `${Math.min(...known).toFixed(2)}–${Math.max(...known).toFixed(2)}x`
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A Markdown table: readable in a terminal and pasteable into docs/performance.md as is. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}
