// Number literals of the text format: decimal, octal and hex integers, floats with an
// optional `f` suffix, and `inf`/`nan` spelled as identifiers.

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;
const OCTAL = /^-?0[0-7]+$/;
const HEX = /^-?0[xX][0-9a-fA-F]+$/;
const FLOAT = /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fF]?$/;

/** Returns the value of a number literal, or undefined when the text is not one. */
export function parseNumber(text: string): number | undefined {
  const negative = text.startsWith('-');
  const sign = negative ? -1 : 1;
  const digits = negative ? text.slice(1) : text;
  if (DECIMAL.test(text)) return Number(text);
  if (HEX.test(text)) return sign * parseInt(digits.slice(2), 16);
  if (OCTAL.test(text)) return sign * parseInt(digits.slice(1), 8);
  if (FLOAT.test(text)) return Number(text.replace(/[fF]$/, ''));
  return undefined;
}

const SPECIAL_FLOATS = new Map([
  ['inf', Infinity],
  ['infinity', Infinity],
  ['nan', NaN],
]);

/** Returns the value of `inf`, `-inf`, `nan` and their spellings, as protobuf accepts them. */
export function parseSpecialFloat(text: string): number | undefined {
  const negative = text.startsWith('-');
  const value = SPECIAL_FLOATS.get((negative ? text.slice(1) : text).toLowerCase());
  if (value === undefined) return undefined;
  return negative ? -value : value;
}
