// Error-tolerant parser for the protobuf text format. A syntax error becomes a problem
// and parsing resumes at the next token that can start a field, so one bad line does
// not hide the rest of the document. It never throws on any input.
import { parseNumber, parseSpecialFloat } from './numbers';
import { decodeStrings } from './strings';
import { Tokenizer, type SyntaxProblem, type Token } from './tokens';
import type {
  DocumentNode,
  FieldNode,
  ListNode,
  MessageNode,
  Range,
  ScalarNode,
  ValueNode,
} from './tree';

/** Problems beyond this count are dropped, so a binary file does not flood the editor. */
export const MAX_PROBLEMS = 100;

/** Messages nested deeper than this are skipped, which bounds the parser's stack. */
const MAX_DEPTH = 64;

const CLOSERS: Record<string, string> = { '{': '}', '<': '>', '[': ']' };

export function parseTextproto(text: string): DocumentNode {
  const tokenProblems: SyntaxProblem[] = [];
  const parser = new Parser(text, new Tokenizer(text, tokenProblems));
  const fields = parser.parseBody(undefined, 0);
  const found = [...tokenProblems.slice(0, MAX_PROBLEMS * 2), ...parser.problems];
  const problems = found.sort((a, b) => a.start - b.start).slice(0, MAX_PROBLEMS);
  const problemsCapped = found.length > MAX_PROBLEMS;
  return { fields, range: { start: 0, end: text.length }, problems, problemsCapped };
}

class Parser {
  readonly problems: SyntaxProblem[] = [];
  /** The next two tokens; the parser never looks further ahead. */
  private current: Token | undefined;
  private following: Token | undefined;
  /** End offset of the last consumed token. */
  private lastEnd = 0;

  constructor(
    private readonly text: string,
    private readonly tokenizer: Tokenizer,
  ) {
    this.current = tokenizer.next();
    this.following = tokenizer.next();
  }

  /** Reads fields until `closer` (or the end for the top level); does not consume it. */
  parseBody(closer: string | undefined, depth: number): FieldNode[] {
    const fields: FieldNode[] = [];
    for (;;) {
      const token = this.peek();
      if (token === undefined) return fields;
      if (token.kind === 'punctuation' && (token.text === '}' || token.text === '>')) {
        if (closer !== undefined) return fields;
        this.report(token, `unexpected '${token.text}' with no open message`, 'unexpected-token');
        this.advance();
        continue;
      }
      if (token.kind === 'identifier' || (token.kind === 'punctuation' && token.text === '[')) {
        fields.push(this.parseField(depth));
        continue;
      }
      if (token.kind !== 'invalid') {
        this.report(
          token,
          `expected a field name, found '${shorten(token.text)}'`,
          'expected-field',
        );
      }
      this.advance();
    }
  }

  private parseField(depth: number): FieldNode {
    const first = this.peek() as Token;
    const name = first.text === '[' ? this.readExtensionName() : this.readIdentifier();
    const field: FieldNode = {
      kind: 'field',
      name: name.text,
      nameRange: name.range,
      range: { ...name.range },
    };

    const next = this.peek();
    if (isPunctuation(next, ':')) {
      field.colonRange = rangeOf(next as Token);
      this.advance();
      field.value = this.parseValueAfterColon(field, depth);
    } else if (isPunctuation(next, '{') || isPunctuation(next, '<')) {
      field.value = this.parseMessage(depth);
    } else {
      this.reportAt(
        name.range.end,
        name.range.end,
        `expected ':' or '{' after field name '${shorten(name.text)}'`,
        'expected-colon',
      );
    }

    field.range.end = (field.value?.range ?? field.colonRange ?? name.range).end;
    const separator = this.peek();
    if (isPunctuation(separator, ',') || isPunctuation(separator, ';')) this.advance();
    return field;
  }

  private parseValueAfterColon(field: FieldNode, depth: number): ValueNode | undefined {
    const token = this.peek();
    if (isPunctuation(token, '{') || isPunctuation(token, '<')) return this.parseMessage(depth);
    if (isPunctuation(token, '[')) return this.parseList(depth);
    if (token !== undefined && this.startsScalar(token)) return this.parseScalar();
    const at = field.colonRange?.end ?? field.nameRange.end;
    this.reportAt(at, at, `missing value for field '${shorten(field.name)}'`, 'missing-value');
    return undefined;
  }

  // An identifier followed by `:` or `{` starts the next field, so it is not taken
  // as the value of a field whose value is missing.
  private startsScalar(token: Token): boolean {
    if (token.kind === 'string' || token.kind === 'number') return true;
    if (token.kind !== 'identifier') return false;
    const after = this.following;
    return !(isPunctuation(after, ':') || isPunctuation(after, '{') || isPunctuation(after, '<'));
  }

  private parseMessage(depth: number): MessageNode {
    const open = this.advance();
    const closer = CLOSERS[open.text] as string;
    const message: MessageNode = {
      kind: 'message',
      fields: [],
      range: rangeOf(open),
      closed: false,
    };

    if (depth >= MAX_DEPTH) {
      this.report(open, `messages are nested deeper than ${MAX_DEPTH} levels`, 'too-deep');
      message.range.end = this.skipBalanced();
      return message;
    }

    message.fields = this.parseBody(closer, depth + 1);
    const close = this.peek();
    if (close !== undefined && close.kind === 'punctuation') {
      if (close.text !== closer) {
        this.report(
          close,
          `expected '${closer}' to close '${open.text}', found '${close.text}'`,
          'mismatched-bracket',
        );
      }
      this.advance();
      message.closed = close.text === closer;
      message.range.end = close.end;
    } else {
      this.report(open, `'${open.text}' is not closed`, 'unclosed-bracket');
      message.range.end = this.text.length;
    }
    return message;
  }

  private parseList(depth: number): ListNode {
    const open = this.advance();
    const list: ListNode = { kind: 'list', values: [], range: rangeOf(open), closed: false };
    for (;;) {
      const token = this.peek();
      if (token === undefined || isPunctuation(token, '}') || isPunctuation(token, '>')) break;
      if (isPunctuation(token, ']')) {
        this.advance();
        list.closed = true;
        list.range.end = token.end;
        return list;
      }
      if (isPunctuation(token, '{') || isPunctuation(token, '<')) {
        list.values.push(this.parseMessage(depth));
      } else if (this.startsScalar(token)) {
        list.values.push(this.parseScalar());
      } else if (token.kind === 'identifier') {
        break; // `name:` after an unclosed list starts the next field
      } else {
        if (!isPunctuation(token, ',') && token.kind !== 'invalid') {
          this.report(
            token,
            `expected a list value, found '${shorten(token.text)}'`,
            'expected-value',
          );
        }
        this.advance();
        continue;
      }
      const separator = this.peek();
      if (isPunctuation(separator, ',')) this.advance();
    }
    this.report(open, "'[' is not closed", 'unclosed-bracket');
    list.range.end = Math.max(open.end, this.lastEnd);
    return list;
  }

  private parseScalar(): ScalarNode {
    const token = this.advance();
    if (token.kind === 'string') return this.parseStrings(token);

    const node: ScalarNode = {
      kind: 'scalar',
      type: 'identifier',
      text: token.text,
      range: rangeOf(token),
    };
    if (token.kind === 'number') {
      node.type = 'number';
      node.number = parseNumber(token.text) ?? parseSpecialFloat(token.text);
      if (node.number === undefined) {
        this.report(token, `invalid number '${shorten(token.text)}'`, 'invalid-number');
      }
    } else {
      node.number = parseSpecialFloat(token.text);
    }
    return node;
  }

  private parseStrings(first: Token): ScalarNode {
    const parts = [first];
    while (this.peek()?.kind === 'string') parts.push(this.advance());
    const last = parts[parts.length - 1] as Token;
    const decoded = decodeStrings(parts, this.problems);
    return {
      kind: 'scalar',
      type: 'string',
      text: this.text.slice(first.start, last.end),
      range: { start: first.start, end: last.end },
      string: decoded.value,
      stringOffsets: decoded.offsets,
    };
  }

  private readIdentifier(): { text: string; range: Range } {
    const token = this.advance();
    return { text: token.text, range: rangeOf(token) };
  }

  // `[type.googleapis.com/pkg.Message]` or `[pkg.extension]`: names of Any and
  // extension fields.
  private readExtensionName(): { text: string; range: Range } {
    const open = this.advance();
    let name = '';
    for (;;) {
      const token = this.peek();
      if (
        token === undefined ||
        !(token.kind === 'identifier' || isPunctuation(token, '.') || isPunctuation(token, '/'))
      ) {
        break;
      }
      name += token.text;
      this.advance();
    }
    const close = this.peek();
    if (isPunctuation(close, ']')) {
      this.advance();
      return { text: name, range: { start: open.start, end: (close as Token).end } };
    }
    this.report(open, "extension name is missing its closing ']'", 'unclosed-bracket');
    const end = Math.max(open.end, this.lastEnd);
    return { text: name, range: { start: open.start, end } };
  }

  /** Skips to the bracket that closes the one just consumed; returns the end offset. */
  private skipBalanced(): number {
    let open = 1;
    while (this.current !== undefined) {
      const token = this.advance();
      if (token.kind !== 'punctuation') continue;
      if (token.text === '{' || token.text === '<') open++;
      if (token.text === '}' || token.text === '>') open--;
      if (open === 0) return token.end;
    }
    return this.text.length;
  }

  private peek(): Token | undefined {
    return this.current;
  }

  /** Consumes the current token; callers check that there is one. */
  private advance(): Token {
    const token = this.current as Token;
    this.lastEnd = token.end;
    this.current = this.following;
    this.following = this.tokenizer.next();
    return token;
  }

  private report(token: Token, message: string, code: string): void {
    this.reportAt(token.start, token.end, message, code);
  }

  private reportAt(start: number, end: number, message: string, code: string): void {
    if (this.problems.length < MAX_PROBLEMS * 2) this.problems.push({ start, end, message, code });
  }
}

function isPunctuation(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'punctuation' && token.text === text;
}

function rangeOf(token: Token): Range {
  return { start: token.start, end: token.end };
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
