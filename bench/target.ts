/** A performance target and where the run stands against it. */
export interface TargetVerdict {
  description: string
  /** null when it could not be computed (e.g. a zero baseline). */
  measured: number | null
  unit: 'x' | 'ms'
  threshold: number
  met: boolean
  /** What else the same run measured that bears on this target (printed next to the verdict). */
  context?: string
}

/** A target met when `measured` is at most (or, for `strict`, below) the threshold. */
export function verdict(
  description: string,
  measured: number | null,
  unit: TargetVerdict['unit'],
  threshold: number,
  strict = false,
  context?: string,
): TargetVerdict {
  const met = measured !== null && Number.isFinite(measured) && (strict ? measured < threshold : measured <= threshold)
  return { description, measured: measured !== null && Number.isFinite(measured) ? measured : null, unit, threshold, met, ...(context === undefined ? {} : { context }) }
}
