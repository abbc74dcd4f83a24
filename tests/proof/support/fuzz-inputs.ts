// Inputs for the fuzz test: an action's valid inputs (built per action in fuzz-specs.ts from
// its zod schema's rules and real fixture ids) mixed with everything a hostile or broken
// client could send instead. Whether an input counts as valid is decided afterwards by the
// action's own schema, not by which generator made it.
import fc from "fast-check";

export type InputRecord = Record<string, unknown>;

/** Keys that have broken JavaScript apps before: prototype pollution and lookalikes. */
const NASTY_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then"] as const;

const longString = fc.integer({ min: 257, max: 20_000 }).chain((n) => fc.constantFrom("a", "é", "😀", " ", "\u0000", "%", "'", "<").map((c) => c.repeat(n)));

/** Values that are wrong in some way for almost any field. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, "", " ", "\u0000", "\u202e", "🧨", "null", "undefined", "[object Object]"),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  longString,
  fc.bigInt().map(String),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.date({ noInvalidDate: false }),
);

const anyKey = fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 }));

/** Structural garbage: anything at all, including objects keyed with __proto__. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ key: anyKey, maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: true, withSparseArray: true }),
  nastyValue,
);

/** The same object as JSON.parse would build it from a body with these keys: own "__proto__" and all. */
function withOwnKeys(base: InputRecord, extra: InputRecord): InputRecord {
  const result: InputRecord = { ...base };
  for (const [key, value] of Object.entries(extra)) Object.defineProperty(result, key, { value, enumerable: true, configurable: true, writable: true });
  return result;
}

const pollution = fc.record({
  key: fc.constantFrom(...NASTY_KEYS),
  value: fc.oneof(fc.constant({ polluted: true, isAdmin: true, role: "SUPER_ADMIN" }), nastyValue),
});

/** A valid input, then mutated: one field replaced, one removed, or extra (nasty) keys added. */
export function mutated(valid: fc.Arbitrary<InputRecord>): fc.Arbitrary<unknown> {
  return valid.chain((input) => {
    const keys = Object.keys(input);
    const pickKey = keys.length ? fc.constantFrom(...keys) : fc.constant("x");
    return fc.oneof(
      // One field corrupted.
      fc.tuple(pickKey, nastyValue).map(([key, value]) => ({ ...input, [key]: value })),
      // One field missing.
      pickKey.map((key) => Object.fromEntries(Object.entries(input).filter(([k]) => k !== key))),
      // Extra keys, as a parsed JSON body would carry them (own __proto__, constructor...).
      fc.array(pollution, { minLength: 1, maxLength: 3 }).map((extras) => withOwnKeys(input, Object.fromEntries(extras.map((e) => [e.key, e.value])))),
      // The right value with the wrong type: wrapped in an array or turned into a string.
      pickKey.map((key) => ({ ...input, [key]: [input[key]] })),
      pickKey.map((key) => ({ ...input, [key]: JSON.stringify(input[key] ?? null) })),
    );
  });
}

/**
 * The mix tried on each action, in draws out of 100: `validWeight` well-formed inputs,
 * `mutatedWeight` mutated ones (some of which stay valid: an extra key is stripped by the
 * schema), and garbage for the rest. Actions that are slow for valid input (password hashing)
 * ask for fewer valid and mutated draws.
 */
export function actionInputs(valid: fc.Arbitrary<InputRecord>, validWeight: number, mutatedWeight = (100 - validWeight) / 2): fc.Arbitrary<unknown> {
  const garbageWeight = Math.max(1, 100 - validWeight - mutatedWeight);
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: mutatedWeight, arbitrary: mutated(valid) }, { weight: garbageWeight, arbitrary: garbage });
}

/** A trimmed, non-empty string of at most `max` characters (the shape of most ids). */
export const idString = (max = 64) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
