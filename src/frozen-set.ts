/**
 * Read-only sets for the compiled policy. `Object.freeze` does not stop
 * `Set.prototype.add`, so the mutating methods are shadowed by ones that
 * throw: a policy, once validated, cannot be widened at run time.
 */
function refuse(): never {
  throw new TypeError('lambda-cors: a compiled policy is immutable')
}

export function frozenSet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values)
  Object.defineProperties(set, {
    add: { value: refuse },
    delete: { value: refuse },
    clear: { value: refuse },
  })
  return Object.freeze(set)
}
