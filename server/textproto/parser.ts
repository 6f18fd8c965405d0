// Error-tolerant parser for the protobuf text format. A syntax error becomes a problem
// and parsing resumes at the next token that can start a field, so one bad line does
// not hide the rest of the document. It never throws on any input.
import { parseNumber, parseSpecialFloat } from './numbers';
import { decodeStrings } from './strings';
import { tokenize, type SyntaxProblem, type Token } from './tokens';
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
  const { tokens, problems: tokenProblems } = tokenize(text);
  const parser = new Parser(text, tokens);
  parser.problems.push(...tokenProblems.slice(0, MAX_PROBLEMS));
  const fields = parser.parseBody(undefined, 0);
  const problems = parser.problems.sort((a, b) => a.start - b.start).slice(0, MAX_PROBLEMS);
  return { fields, range: { start: 0, end: text.length }, problems };
}

class Parser {
  readonly problems: SyntaxProblem[] = [];
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  /** Reads fields until `closer` (or the end for the top level); does not consume it. */
  parseBody(closer: string | undefined, depth: number): FieldNode[] {
    const fields: FieldNode[] = [];
    for (;;) {
      const token = this.peek();
      if (token === undefined) return fields;
      if (token.kind === 'punctuation' && (token.text === '}' || token.text === '>')) {
        if (closer !== undefined) return fields;
        this.report(token, `unexpected '${token.text}' with no open message`, 'unexpected-token');
        this.position++;
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
      this.position++;
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
      this.position++;
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
    if (isPunctuation(separator, ',') || isPunctuation(separator, ';')) this.position++;
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
    const after = this.tokens[this.position + 1];
    return !(isPunctuation(after, ':') || isPunctuation(after, '{') || isPunctuation(after, '<'));
  }

  private parseMessage(depth: number): MessageNode {
    const open = this.tokens[this.position++] as Token;
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
      this.position++;
      message.closed = close.text === closer;
      message.range.end = close.end;
    } else {
      this.report(open, `'${open.text}' is not closed`, 'unclosed-bracket');
      message.range.end = this.text.length;
    }
    return message;
  }

  private parseList(depth: number): ListNode {
    const open = this.tokens[this.position++] as Token;
    const list: ListNode = { kind: 'list', values: [], range: rangeOf(open), closed: false };
    for (;;) {
      const token = this.peek();
      if (token === undefined || isPunctuation(token, '}') || isPunctuation(token, '>')) break;
      if (isPunctuation(token, ']')) {
        this.position++;
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
        this.position++;
        continue;
      }
      const separator = this.peek();
      if (isPunctuation(separator, ',')) this.position++;
    }
    this.report(open, "'[' is not closed", 'unclosed-bracket');
    const last = this.tokens[this.position - 1];
    list.range.end = last === undefined ? open.end : Math.max(open.end, last.end);
    return list;
  }

  private parseScalar(): ScalarNode {
    const token = this.tokens[this.position++] as Token;
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
    while (this.peek()?.kind === 'string') parts.push(this.tokens[this.position++] as Token);
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
    const token = this.tokens[this.position++] as Token;
    return { text: token.text, range: rangeOf(token) };
  }

  // `[type.googleapis.com/pkg.Message]` or `[pkg.extension]`: names of Any and
  // extension fields.
  private readExtensionName(): { text: string; range: Range } {
    const open = this.tokens[this.position++] as Token;
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
      this.position++;
    }
    const close = this.peek();
    if (isPunctuation(close, ']')) {
      this.position++;
      return { text: name, range: { start: open.start, end: (close as Token).end } };
    }
    this.report(open, "extension name is missing its closing ']'", 'unclosed-bracket');
    const end = this.tokens[this.position - 1]?.end ?? open.end;
    return { text: name, range: { start: open.start, end } };
  }

  /** Skips to the bracket that closes the one just consumed; returns the end offset. */
  private skipBalanced(): number {
    let open = 1;
    while (this.position < this.tokens.length) {
      const token = this.tokens[this.position++] as Token;
      if (token.kind !== 'punctuation') continue;
      if (token.text === '{' || token.text === '<') open++;
      if (token.text === '}' || token.text === '>') open--;
      if (open === 0) return token.end;
    }
    return this.text.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
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
