// Syntax tree of a text-format document. Every node carries its offset range in the
// document (UTF-16 indexes, end exclusive), so editor features can point at any part.
import type { SyntaxProblem } from './tokens';

export interface Range {
  start: number;
  end: number;
}

export interface FieldNode {
  kind: 'field';
  /** Field name; for an extension or Any field `[type.name]`, the text between brackets. */
  name: string;
  nameRange: Range;
  /** Range of `:` when written. */
  colonRange?: Range;
  /** Missing when the value could not be read (a problem is reported). */
  value?: ValueNode;
  range: Range;
}

export type ValueNode = ScalarNode | MessageNode | ListNode;

export interface ScalarNode {
  kind: 'scalar';
  type: 'string' | 'number' | 'identifier';
  /** Source text; for joined strings, the text of all literals with what lies between. */
  text: string;
  range: Range;
  /** Decoded value of a string; adjacent literals are joined. */
  string?: string;
  /** Document offset of each character of `string`, plus its end; see `DecodedString`. */
  stringOffsets?: number[];
  /** Value of a valid number. */
  number?: number;
}

export interface MessageNode {
  kind: 'message';
  fields: FieldNode[];
  /** From the opening `{`/`<` to the closing one, or to the end of what was read. */
  range: Range;
  closed: boolean;
}

export interface ListNode {
  kind: 'list';
  values: ValueNode[];
  range: Range;
  closed: boolean;
}

export interface DocumentNode {
  fields: FieldNode[];
  range: Range;
  problems: SyntaxProblem[];
  /** True when the parser dropped syntax problems beyond its cap. */
  problemsCapped: boolean;
}
