// The syntax of the schedule fields, parsed the way the Rust `cron` crate 0.17 parses them
// (src/parsing.rs, a winnow grammar). The grammar is a PEG: alternatives are tried in
// order, the first that matches wins, and a failed alternative rewinds. Its whitespace
// rules decide what is accepted, so they are copied exactly:
//   field     = ws item ("," item)* ws
//   item      = base "/" number | base | name
//   base      = "*" | "?" | number "-" number | number | name "-" name
//   number    = ws digit+ ws        (the value must fit in 32 bits)
//   name      = ws letter+ ws       (ASCII letters)
//   ws        = (" " | "\t" | "\r" | "\n")*
// `?` is a base only in day-of-month and day-of-week. Because numbers and names swallow
// the whitespace around them, `1 - 5` and `0 1 , 2` are single fields, and because `*`
// does not, `1, *` is not a list. Fields need no whitespace between them: `******` is
// six fields.

export interface Token {
  text: string;
  /** The number for a numeric token; NaN for a name. */
  value: number;
  start: number;
  end: number;
}

export type ItemKind = 'all' | 'any' | 'point' | 'range' | 'named-range' | 'named-point';

/** One entry of a field's comma-separated list, such as `*`, `5`, `1-5/2` or `MON`. */
export interface Item {
  kind: ItemKind;
  /** The value, or the start of a range. */
  first?: Token;
  /** The end of a range. */
  last?: Token;
  step?: Token;
  /** Offsets of the item without the whitespace around it. */
  start: number;
  end: number;
}

export interface FieldSyntax {
  /** 0 = second … 6 = year. */
  index: number;
  items: Item[];
  /** Offsets of the field without the whitespace around it. */
  start: number;
  end: number;
}

export interface SyntaxResult {
  fields: FieldSyntax[];
  /** Offset where the next field could not be read; equals the text length at the end. */
  stop: number;
}

/** The crate reads numbers as 32-bit unsigned integers; a larger one fails to parse. */
const MAX_NUMBER = 4294967295;
const DAY_OF_MONTH = 3;
const DAY_OF_WEEK = 5;

/** Splits `text` into as many fields as the grammar reads, stopping at the first failure. */
export function readFields(text: string, from = 0): SyntaxResult {
  const reader = new FieldReader(text, from);
  const fields: FieldSyntax[] = [];
  while (reader.pos < text.length) {
    const index = fields.length;
    const field = reader.field(index, index === DAY_OF_MONTH || index === DAY_OF_WEEK);
    if (field === undefined) break;
    fields.push(field);
  }
  return { fields, stop: reader.pos };
}

export function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z'));
}

class FieldReader {
  pos: number;

  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.pos = from;
  }

  field(index: number, allowsAny: boolean): FieldSyntax | undefined {
    const begin = this.pos;
    this.skipWhitespace();
    const first = this.item(allowsAny);
    if (first === undefined) {
      this.pos = begin;
      return undefined;
    }
    const items = [first];
    for (;;) {
      const beforeComma = this.pos;
      if (this.text[this.pos] !== ',') break;
      this.pos++;
      const next = this.item(allowsAny);
      if (next === undefined) {
        this.pos = beforeComma;
        break;
      }
      items.push(next);
    }
    this.skipWhitespace();
    const start = items[0]?.start ?? begin;
    const end = items[items.length - 1]?.end ?? begin;
    return { index, items, start, end };
  }

  private item(allowsAny: boolean): Item | undefined {
    const begin = this.pos;
    const base = this.base(allowsAny);
    if (base !== undefined && this.text[this.pos] === '/') {
      this.pos++;
      const step = this.number();
      if (step !== undefined) return { ...base, step, end: step.end };
    }
    this.pos = begin;
    const plain = this.base(allowsAny);
    if (plain !== undefined) return plain;
    const name = this.name();
    if (name === undefined) return undefined;
    return { kind: 'named-point', first: name, start: name.start, end: name.end };
  }

  private base(allowsAny: boolean): Item | undefined {
    const char = this.text[this.pos];
    if (char === '*' || (allowsAny && char === '?')) {
      const start = this.pos++;
      return { kind: char === '*' ? 'all' : 'any', start, end: this.pos };
    }
    const begin = this.pos;
    const first = this.number();
    if (first !== undefined) {
      const afterFirst = this.pos;
      if (this.text[this.pos] === '-') {
        this.pos++;
        const last = this.number();
        if (last !== undefined) {
          return { kind: 'range', first, last, start: first.start, end: last.end };
        }
      }
      this.pos = afterFirst;
      return { kind: 'point', first, start: first.start, end: first.end };
    }
    this.pos = begin;
    const firstName = this.name();
    if (firstName !== undefined && this.text[this.pos] === '-') {
      this.pos++;
      const lastName = this.name();
      if (lastName !== undefined) {
        const start = firstName.start;
        return { kind: 'named-range', first: firstName, last: lastName, start, end: lastName.end };
      }
    }
    this.pos = begin;
    return undefined;
  }

  private number(): Token | undefined {
    return this.token(isDigit, true);
  }

  private name(): Token | undefined {
    return this.token(isLetter, false);
  }

  private token(accepts: (char: string | undefined) => boolean, numeric: boolean) {
    const begin = this.pos;
    this.skipWhitespace();
    const start = this.pos;
    while (accepts(this.text[this.pos])) this.pos++;
    const end = this.pos;
    const text = this.text.slice(start, end);
    const value = numeric ? Number(text) : NaN;
    if (start === end || (numeric && value > MAX_NUMBER)) {
      this.pos = begin;
      return undefined;
    }
    this.skipWhitespace();
    return { text, value, start, end };
  }

  private skipWhitespace(): void {
    while (isWhitespace(this.text[this.pos])) this.pos++;
  }
}
