/**
 * Read-only sets and maps for the compiled policy. `Object.freeze` does not stop
 * `Set.prototype.add` or `Map.prototype.set`, so the mutating methods are shadowed by ones that
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

export function frozenMap<K, V>(entries: Map<K, V[]>): ReadonlyMap<K, readonly V[]> {
  const map = new Map<K, readonly V[]>()
  for (const [key, list] of entries) map.set(key, Object.freeze(list))
  Object.defineProperties(map, {
    set: { value: refuse },
    delete: { value: refuse },
    clear: { value: refuse },
  })
  return Object.freeze(map)
}
