// A small lexer for Rust and TypeScript/JavaScript that is just precise enough to tell
// code from comments and string literals. It yields identifiers, punctuation and
// strings (decoded, with the document offset of each character); whitespace and
// comments are dropped. It is not a full lexer: numbers come out as identifiers.

export type CodeLanguage = 'rust' | 'typescript';

export interface CodeToken {
  kind: 'identifier' | 'punctuation' | 'string';
  start: number;
  end: number;
  text: string;
  /** Decoded value of a string without interpolation. */
  value?: string;
  /** Document offset of each character of `value`, plus its end. */
  offsets?: number[];
}

// Characters after which a `/` in TypeScript starts a regular expression, not a division.
const REGEX_PREFIX = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);

export function lexCode(text: string, language: CodeLanguage): CodeToken[] {
  return new CodeLexer(text, language).run();
}

class CodeLexer {
  private index = 0;
  private readonly tokens: CodeToken[] = [];
  /** Brace depth at which each open template literal's `${` began. */
  private readonly templates: number[] = [];
  private braceDepth = 0;

  constructor(
    private readonly text: string,
    private readonly language: CodeLanguage,
  ) {}

  run(): CodeToken[] {
    const text = this.text;
    while (this.index < text.length) {
      const char = text[this.index] as string;
      const next = text[this.index + 1];
      if (/\s/.test(char)) {
        this.index++;
      } else if (char === '/' && next === '/') {
        const newline = text.indexOf('\n', this.index);
        this.index = newline === -1 ? text.length : newline;
      } else if (char === '/' && next === '*') {
        this.skipBlockComment();
      } else if (this.startsRustRawString()) {
        this.readRustRawString();
      } else if (char === '"' || (char === "'" && this.language === 'typescript')) {
        this.readQuoted(char, this.index);
      } else if (char === "'") {
        this.readRustQuote();
      } else if (char === '`' && this.language === 'typescript') {
        this.readTemplate(this.index + 1, this.index);
      } else if (char === '/' && this.language === 'typescript' && this.regexAllowed()) {
        this.skipRegex();
      } else if (/[A-Za-z_$0-9]/.test(char)) {
        this.readWord();
      } else {
        this.readPunctuation(char);
      }
    }
    return this.tokens;
  }

  private skipBlockComment(): void {
    // Rust block comments nest; TypeScript's end at the first `*/`.
    let depth = 0;
    while (this.index < this.text.length) {
      if (this.text.startsWith('/*', this.index)) {
        depth++;
        this.index += 2;
        if (this.language === 'typescript' && depth > 1) depth = 1;
      } else if (this.text.startsWith('*/', this.index)) {
        depth--;
        this.index += 2;
        if (depth === 0) return;
      } else {
        this.index++;
      }
    }
  }

  private startsRustRawString(): boolean {
    if (this.language !== 'rust') return false;
    const match = /^b?r#*"/.exec(this.text.slice(this.index, this.index + 260));
    if (match === null) return false;
    const before = this.text[this.index - 1];
    return before === undefined || !/[A-Za-z0-9_]/.test(before);
  }

  private readRustRawString(): void {
    const start = this.index;
    const head = /^b?r(#*)"/.exec(this.text.slice(start, start + 260)) as RegExpExecArray;
    const closing = `"${head[1]}`;
    const contentStart = start + head[0].length;
    const close = this.text.indexOf(closing, contentStart);
    const contentEnd = close === -1 ? this.text.length : close;
    const end = close === -1 ? this.text.length : close + closing.length;
    const offsets: number[] = [];
    for (let i = contentStart; i <= contentEnd; i++) offsets.push(i);
    this.push('string', start, end, this.text.slice(contentStart, contentEnd), offsets);
    this.index = end;
  }

  // `'a'`, `'\n'` and `'\u{1F600}'` are character literals; `'a` alone is a lifetime.
  private readRustQuote(): void {
    const start = this.index;
    const match = /^'(\\(u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/u.exec(
      this.text.slice(start, start + 14),
    );
    if (match !== null) {
      this.index = start + match[0].length;
      this.push('punctuation', start, this.index, match[0]);
      return;
    }
    this.index++;
    this.push('punctuation', start, this.index, "'");
  }

  private readQuoted(quote: string, start: number): void {
    const value = { text: '', offsets: [] as number[] };
    let index = start + 1;
    while (index < this.text.length) {
      const char = this.text[index] as string;
      if (char === quote) break;
      if (char === '\n' && this.language === 'typescript') break;
      if (char === '\\') {
        index = this.readEscape(index, value);
        continue;
      }
      value.text += char;
      value.offsets.push(index);
      index++;
    }
    value.offsets.push(index);
    const end = this.text[index] === quote ? index + 1 : index;
    this.push('string', start, end, value.text, value.offsets);
    this.index = end;
  }

  /** Reads a template literal from `from`; `start` is its backquote or the `}` resuming it. */
  private readTemplate(from: number, start: number): void {
    const value = { text: '', offsets: [] as number[] };
    let index = from;
    while (index < this.text.length) {
      const char = this.text[index] as string;
      if (char === '`') {
        value.offsets.push(index);
        const interpolated = this.text[start] === '}';
        this.push(
          'string',
          start,
          index + 1,
          interpolated ? undefined : value.text,
          interpolated ? undefined : value.offsets,
        );
        this.index = index + 1;
        return;
      }
      if (char === '$' && this.text[index + 1] === '{') {
        this.push('string', start, index + 2);
        this.templates.push(this.braceDepth);
        this.braceDepth++;
        this.index = index + 2;
        return;
      }
      if (char === '\\') {
        index = this.readEscape(index, value);
        continue;
      }
      value.text += char;
      value.offsets.push(index);
      index++;
    }
    this.push('string', start, this.text.length);
    this.index = this.text.length;
  }

  // Decodes one escape; every character it produces maps to its backslash.
  private readEscape(index: number, value: { text: string; offsets: number[] }): number {
    const rest = this.text.slice(index + 1, index + 12);
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '0': '\0',
      b: '\b',
      f: '\f',
      v: '\v',
    };
    let decoded: string;
    let length = 2;
    const braced = /^u\{([0-9a-fA-F]{1,6})\}/.exec(rest);
    const fixed = /^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/.exec(rest);
    if (braced !== null) {
      decoded = safeCodePoint(parseInt(braced[1] as string, 16));
      length = 1 + braced[0].length;
    } else if (fixed !== null) {
      decoded = String.fromCharCode(parseInt(fixed[0].slice(1), 16));
      length = 1 + fixed[0].length;
    } else if (rest[0] === '\n' || rest[0] === '\r') {
      // A line continuation; Rust also drops the next line's leading whitespace.
      let end = index + 1;
      while (end < this.text.length && /\s/.test(this.text[end] as string)) {
        end++;
        if (this.language === 'typescript' && this.text[end - 1] === '\n') break;
      }
      return end;
    } else {
      decoded = simple[rest[0] ?? ''] ?? rest[0] ?? '';
    }
    for (let i = 0; i < decoded.length; i++) value.offsets.push(index);
    value.text += decoded;
    return index + length;
  }

  private regexAllowed(): boolean {
    const previous = this.tokens[this.tokens.length - 1];
    if (previous === undefined) return true;
    if (previous.kind === 'punctuation') return REGEX_PREFIX.has(previous.text);
    return ['return', 'typeof', 'case', 'in', 'of', 'delete', 'void', 'throw'].includes(
      previous.text,
    );
  }

  // NOTE: the heuristic for where a regex may start is not a full JavaScript grammar,
  // so a regex after `)` (as in `if (x) /re/.test(y)`) is read as division.
  private skipRegex(): void {
    let index = this.index + 1;
    let inClass = false;
    while (index < this.text.length && this.text[index] !== '\n') {
      const char = this.text[index];
      if (char === '\\') index++;
      else if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
      else if (char === '/' && !inClass) break;
      index++;
    }
    this.index = index + 1;
    while (/[a-z]/.test(this.text[this.index] ?? '')) this.index++;
  }

  private readWord(): void {
    const start = this.index;
    while (/[A-Za-z_$0-9]/.test(this.text[this.index] ?? '')) this.index++;
    this.push('identifier', start, this.index, undefined);
  }

  private readPunctuation(char: string): void {
    const start = this.index;
    this.index++;
    if (this.language === 'typescript' && char === '{') this.braceDepth++;
    if (this.language === 'typescript' && char === '}') {
      this.braceDepth--;
      if (
        this.templates.length > 0 &&
        this.templates[this.templates.length - 1] === this.braceDepth
      ) {
        this.templates.pop();
        this.readTemplate(this.index, start);
        return;
      }
    }
    this.push('punctuation', start, this.index, undefined);
  }

  private push(
    kind: CodeToken['kind'],
    start: number,
    end: number,
    value?: string,
    offsets?: number[],
  ): void {
    const token: CodeToken = { kind, start, end, text: this.text.slice(start, end) };
    if (value !== undefined) token.value = value;
    if (offsets !== undefined) token.offsets = offsets;
    this.tokens.push(token);
  }
}

function safeCodePoint(codePoint: number): string {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
}
