// fast-check generators of valid schedules in the crate's syntax, with the values each
// field should allow worked out independently of the parser.
import fc from 'fast-check';

interface FieldShape {
  min: number;
  max: number;
  names?: readonly string[];
  allowsAny?: boolean;
}

const MONTHS = ['JAN', 'Feb', 'mar', 'APR', 'May', 'JUN', 'Jul', 'AUG', 'sep', 'OCT', 'Nov', 'DEC'];
const WEEKDAYS = ['SUN', 'Mon', 'tue', 'WED', 'Thu', 'fri', 'SAT'];

export const SHAPES: Record<string, FieldShape> = {
  second: { min: 0, max: 59 },
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dayOfMonth: { min: 1, max: 31, allowsAny: true },
  month: { min: 1, max: 12, names: MONTHS },
  dayOfWeek: { min: 1, max: 7, names: WEEKDAYS, allowsAny: true },
};

/** Generates one list item of a field, such as `5`, `1-5/2`, `*` or `Mon-Fri`. */
function itemOf(shape: FieldShape): fc.Arbitrary<string> {
  const value = fc.integer({ min: shape.min, max: shape.max });
  const pair = fc
    .tuple(value, value)
    .map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)));
  const step = fc.integer({ min: 1, max: shape.max });
  const options: Array<fc.Arbitrary<string>> = [
    value.map(String),
    pair.map(([a, b]) => `${a}-${b}`),
    step.map((k) => `*/${k}`),
    fc.tuple(pair, step).map(([[a, b], k]) => `${a}-${b}/${k}`),
    fc.tuple(value, step).map(([a, k]) => `${a}/${k}`),
  ];
  const names = shape.names;
  if (names !== undefined) {
    const nameOf = (ordinal: number) => names[ordinal - shape.min] ?? String(ordinal);
    options.push(value.map(nameOf));
    options.push(pair.map(([a, b]) => `${nameOf(a)}-${nameOf(b)}`));
    options.push(fc.tuple(pair, step).map(([[a, b], k]) => `${nameOf(a)}-${nameOf(b)}/${k}`));
  }
  return fc.oneof(...options);
}

/** Generates a field: mostly `*`, so a few days hold runs, else a list of 1-3 items. */
export function fieldOf(shape: FieldShape, wildcardWeight: number): fc.Arbitrary<string> {
  const wildcard = shape.allowsAny ? fc.constantFrom('*', '?') : fc.constant('*');
  const list = fc
    .array(itemOf(shape), { minLength: 1, maxLength: 3 })
    .map((items) => items.join(','));
  return fc.oneof({ weight: wildcardWeight, arbitrary: wildcard }, { weight: 3, arbitrary: list });
}

/** A year field, absent or around the start instants the tests use. */
const yearField = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.integer({ min: 2000, max: 2100 }).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 40 }))
      .map(([start, length]) => `${start}-${Math.min(2100, start + length)}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }).map((step) => `2000/${step}`) },
);

/** A valid 6- or 7-field schedule; coarse fields are usually `*`. */
export const scheduleText: fc.Arbitrary<string> = fc
  .tuple(
    fieldOf(SHAPES.second!, 2),
    fieldOf(SHAPES.minute!, 2),
    fieldOf(SHAPES.hour!, 3),
    fieldOf(SHAPES.dayOfMonth!, 4),
    fieldOf(SHAPES.month!, 4),
    fieldOf(SHAPES.dayOfWeek!, 4),
    yearField,
  )
  .map((fields) => fields.filter((field) => field !== '').join(' '));

/** Instants from 2000 to 2099, sometimes with a fraction of a second. */
export const instant: fc.Arbitrary<Date> = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }),
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 })),
  )
  .map(([seconds, fraction]) => new Date(seconds * 1000 + fraction));
