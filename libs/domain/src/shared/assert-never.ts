/**
 * Exhaustiveness check at the end of a `switch` over a union's `type`: the compiler refuses
 * a missing case, and a value that slips past the types at run time fails loudly.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
