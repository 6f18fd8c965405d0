// Decoding of text-format string literals, keeping where each decoded character came
// from so that a range inside the value can be mapped back to the document.
import type { SyntaxProblem, Token } from './tokens';

export interface DecodedString {
  value: string;
  /** Document offset of each character of `value`, plus one entry for its end. */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Decodes adjacent string tokens into one value, as protobuf joins `"a" "b"`. */
export function decodeStrings(tokens: Token[], problems: SyntaxProblem[]): DecodedString {
  const decoded: DecodedString = { value: '', offsets: [] };
  for (const token of tokens) appendString(token, decoded, problems);
  const last = tokens[tokens.length - 1];
  decoded.offsets.push(last === undefined ? 0 : contentEnd(last));
  return decoded;
}

function contentEnd(token: Token): number {
  const quote = token.text[0];
  const closed =
    token.text.length >= 2 &&
    token.text.endsWith(quote ?? '') &&
    !isEscaped(token.text, token.text.length - 1);
  return closed ? token.end - 1 : token.end;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i > 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function appendString(token: Token, out: DecodedString, problems: SyntaxProblem[]): void {
  const text = token.text;
  const end = contentEnd(token) - token.start;
  let index = 1;
  while (index < end) {
    const char = text[index] as string;
    if (char !== '\\') {
      out.value += char;
      out.offsets.push(token.start + index);
      index++;
      continue;
    }
    const escape = readEscape(text, index, end);
    if (escape.value === undefined) {
      problems.push({
        start: token.start + index,
        end: token.start + escape.end,
        message: `invalid escape sequence '${text.slice(index, escape.end)}'`,
        code: 'invalid-escape',
      });
    } else {
      // Every character produced by one escape maps to the escape's first character.
      for (const unit of escape.value) {
        for (let i = 0; i < unit.length; i++) out.offsets.push(token.start + index);
        out.value += unit;
      }
    }
    index = escape.end;
  }
}

interface Escape {
  value?: string;
  end: number;
}

function readEscape(text: string, index: number, end: number): Escape {
  const kind = text[index + 1];
  if (kind === undefined || index + 1 >= end) return { end: index + 1 };

  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) return { value: simple, end: index + 2 };

  if (/[0-7]/.test(kind)) {
    const digits = /^[0-7]{1,3}/.exec(text.slice(index + 1, end))?.[0] ?? '';
    return { value: String.fromCharCode(parseInt(digits, 8)), end: index + 1 + digits.length };
  }
  if (kind === 'x' || kind === 'X') {
    const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(index + 2, end))?.[0] ?? '';
    if (digits === '') return { end: index + 2 };
    return { value: String.fromCharCode(parseInt(digits, 16)), end: index + 2 + digits.length };
  }
  if (kind === 'u' || kind === 'U') {
    const length = kind === 'u' ? 4 : 8;
    const digits = text.slice(index + 2, index + 2 + length);
    if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) {
      return { end: Math.min(end, index + 2 + length) };
    }
    const codePoint = parseInt(digits, 16);
    if (codePoint > 0x10ffff) return { end: index + 2 + length };
    return { value: String.fromCodePoint(codePoint), end: index + 2 + length };
  }
  return { end: index + 2 };
}
