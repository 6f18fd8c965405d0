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

export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  const problems: SyntaxProblem[] = [];
  let index = 0;

  while (index < text.length) {
    const char = text.charCodeAt(index);

    if (isWhitespace(char)) {
      index++;
      continue;
    }

    if (char === 0x23 /* # */) {
      index = endOfLine(text, index);
      continue;
    }

    const start = index;
    if (isIdentifierStart(char)) {
      index = scanIdentifier(text, index);
      tokens.push(makeToken(text, 'identifier', start, index));
    } else if (isDigit(char) || (char === 0x2e && isDigit(text.charCodeAt(index + 1)))) {
      index = scanNumber(text, index);
      tokens.push(makeToken(text, 'number', start, index));
    } else if (char === 0x2d /* - */) {
      index = scanNegative(text, index);
      const kind = index > start + 1 ? 'number' : 'invalid';
      tokens.push(makeToken(text, kind, start, index));
      if (kind === 'invalid') {
        problems.push(problem(start, index, 'expected a number after "-"', 'invalid-number'));
      }
    } else if (char === 0x22 || char === 0x27 /* " ' */) {
      index = scanString(text, index, problems);
      tokens.push(makeToken(text, 'string', start, index));
    } else if (PUNCTUATION.has(text[index] as string)) {
      index++;
      tokens.push(makeToken(text, 'punctuation', start, index));
    } else {
      index = scanInvalid(text, index);
      const shown = text.slice(start, Math.min(index, start + 20));
      problems.push(problem(start, index, `unexpected character '${shown}'`, 'invalid-character'));
      tokens.push(makeToken(text, 'invalid', start, index));
    }
  }

  return { tokens, problems };
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

// Reads the widest run that could belong to a number (digits, letters, dots, exponent
// signs); the parser validates it, so `0x1G` is one invalid number, not two tokens.
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

function scanString(text: string, index: number, problems: SyntaxProblem[]): number {
  const quote = text.charCodeAt(index);
  let end = index + 1;
  while (end < text.length) {
    const char = text.charCodeAt(end);
    if (char === quote) return end + 1;
    if (char === 0x0a) break;
    end += char === 0x5c /* \ */ && end + 1 < text.length && text[end + 1] !== '\n' ? 2 : 1;
  }
  problems.push(
    problem(
      index,
      end,
      'string is not terminated before the end of the line',
      'unterminated-string',
    ),
  );
  return end;
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
