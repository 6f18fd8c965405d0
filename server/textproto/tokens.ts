// Tokenizer for the protobuf text format. It never throws: characters it cannot read
// become problems, and an unterminated string ends at the end of its line.

export type TokenKind = 'identifier' | 'number' | 'string' | 'punctuation' | 'invalid';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Source text of the token (for strings, quotes and escapes included). */
  text: string;
}

export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  code: string;
}

export interface TokenizeResult {
  tokens: Token[];
  problems: SyntaxProblem[];
}

const PUNCTUATION = new Set(['{', '}', '<', '>', '[', ']', ':', ',', ';', '/', '.']);

/** Reads all tokens at once; the parser pulls them one by one from `Tokenizer` instead. */
export function tokenize(text: string): TokenizeResult {
  const problems: SyntaxProblem[] = [];
  const tokenizer = new Tokenizer(text, problems);
  const tokens: Token[] = [];
  for (let token = tokenizer.next(); token !== undefined; token = tokenizer.next()) {
    tokens.push(token);
  }
  return { tokens, problems };
}

/** Problems kept per document; a binary file would otherwise produce one per byte run. */
const MAX_TOKEN_PROBLEMS = 1000;

// Tokens are produced on demand, so a large document never keeps all of them in memory.
export class Tokenizer {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
  ) {}

  private report(start: number, end: number, message: string, code: string): void {
    if (this.problems.length < MAX_TOKEN_PROBLEMS)
      this.problems.push(problem(start, end, message, code));
  }

  next(): Token | undefined {
    const text = this.text;
    while (this.index < text.length) {
      const char = text.charCodeAt(this.index);
      if (isWhitespace(char)) {
        this.index++;
      } else if (char === 0x23 /* # */) {
        this.index = endOfLine(text, this.index);
      } else {
        return this.readToken(char);
      }
    }
    return undefined;
  }

  private readToken(char: number): Token {
    const text = this.text;
    const start = this.index;
    if (isIdentifierStart(char)) {
      this.index = scanIdentifier(text, start);
      return makeToken(text, 'identifier', start, this.index);
    }
    if (isDigit(char) || (char === 0x2e && isDigit(text.charCodeAt(start + 1)))) {
      this.index = scanNumber(text, start);
      return makeToken(text, 'number', start, this.index);
    }
    if (char === 0x2d /* - */) {
      this.index = scanNegative(text, start);
      if (this.index > start + 1) return makeToken(text, 'number', start, this.index);
      this.problems.push(
        problem(start, this.index, 'expected a number after "-"', 'invalid-number'),
      );
      return makeToken(text, 'invalid', start, this.index);
    }
    if (char === 0x22 || char === 0x27 /* " ' */) {
      const scanned = scanString(text, start);
      this.index = scanned.end;
      if (!scanned.closed) {
        const message = 'string is not terminated before the end of the line';
        this.report(start, this.index, message, 'unterminated-string');
      }
      return makeToken(text, 'string', start, this.index);
    }
    if (PUNCTUATION.has(text[start] as string)) {
      this.index = start + 1;
      return makeToken(text, 'punctuation', start, this.index);
    }
    this.index = scanInvalid(text, start);
    const excerpt = text.slice(start, Math.min(this.index, start + 20));
    this.report(start, this.index, `unexpected character '${excerpt}'`, 'invalid-character');
    return makeToken(text, 'invalid', start, this.index);
  }
}

function makeToken(text: string, kind: TokenKind, start: number, end: number): Token {
  return { kind, start, end, text: text.slice(start, end) };
}

function problem(start: number, end: number, message: string, code: string): SyntaxProblem {
  return { start, end, message, code };
}

function isWhitespace(char: number): boolean {
  return (
    char === 0x20 ||
    char === 0x09 ||
    char === 0x0a ||
    char === 0x0d ||
    char === 0x0b ||
    char === 0x0c
  );
}

function isDigit(char: number): boolean {
  return char >= 0x30 && char <= 0x39;
}

function isIdentifierStart(char: number): boolean {
  return (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a) || char === 0x5f;
}

function isIdentifierPart(char: number): boolean {
  return isIdentifierStart(char) || isDigit(char);
}

function endOfLine(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline === -1 ? text.length : newline;
}

function scanIdentifier(text: string, index: number): number {
  let end = index + 1;
  while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
  return end;
}

// Reads the widest run that could belong to a number: digits, letters, dots and exponent
// signs. The parser validates the run, so `0x1G` is one invalid number, not two tokens.
function scanNumber(text: string, index: number): number {
  let end = index;
  while (end < text.length) {
    const char = text.charCodeAt(end);
    if (isIdentifierPart(char) || char === 0x2e) {
      end++;
    } else if ((char === 0x2b || char === 0x2d) && /[eE]/.test(text[end - 1] ?? '')) {
      if (/^0[xX]/.test(text.slice(index, end))) break;
      end++;
    } else {
      break;
    }
  }
  return end;
}

// A minus sign belongs to the number or the identifier (`-inf`) that follows it,
// with optional whitespace or comments in between as protobuf allows.
function scanNegative(text: string, index: number): number {
  const next = index + 1;
  const char = text.charCodeAt(next);
  if (isDigit(char) || (char === 0x2e && isDigit(text.charCodeAt(next + 1)))) {
    return scanNumber(text, next);
  }
  if (isIdentifierStart(char)) return scanIdentifier(text, next);
  return next;
}

function scanString(text: string, index: number): { end: number; closed: boolean } {
  const quote = text.charCodeAt(index);
  let end = index + 1;
  while (end < text.length) {
    const char = text.charCodeAt(end);
    if (char === quote) return { end: end + 1, closed: true };
    if (char === 0x0a) break;
    end += char === 0x5c /* \ */ && end + 1 < text.length && text[end + 1] !== '\n' ? 2 : 1;
  }
  return { end, closed: false };
}

function scanInvalid(text: string, index: number): number {
  let end = index + 1;
  while (end < text.length) {
    const char = text.charCodeAt(end);
    if (
      isWhitespace(char) ||
      isIdentifierStart(char) ||
      isDigit(char) ||
      char === 0x23 ||
      char === 0x22 ||
      char === 0x27 ||
      PUNCTUATION.has(text[end] as string)
    ) {
      break;
    }
    end++;
  }
  return end;
}
