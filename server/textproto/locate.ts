// Finds where an offset sits in the syntax tree: the chain of fields around it and the
// innermost message whose braces contain it. Completion and hover start from here.
import type { DocumentNode, FieldNode, MessageNode, ValueNode } from './tree';

export interface Location {
  /** Fields from the top level down whose range (or open message) contains the offset. */
  fields: FieldNode[];
  /** Names of the fields whose message bodies contain the offset, outermost first. */
  messagePath: string[];
  /** The innermost message containing the offset; undefined at the top level. */
  message?: MessageNode;
}

export function locate(document: DocumentNode, offset: number): Location {
  const location: Location = { fields: [], messagePath: [] };
  let fields = document.fields;
  for (;;) {
    const field = fields.find((candidate) => containsField(candidate, offset));
    if (field === undefined) return location;
    location.fields.push(field);
    const message = messageAt(field.value, offset);
    if (message === undefined) return location;
    location.messagePath.push(field.name);
    location.message = message;
    fields = message.fields;
  }
}

function containsField(field: FieldNode, offset: number): boolean {
  const end = isOpen(field.value) ? Infinity : field.range.end;
  return offset >= field.range.start && offset <= end;
}

function isOpen(value: ValueNode | undefined): boolean {
  if (value === undefined || value.kind === 'scalar') return false;
  return !value.closed;
}

/** Returns the message value (or list item) whose braces contain the offset. */
function messageAt(value: ValueNode | undefined, offset: number): MessageNode | undefined {
  if (value === undefined || value.kind === 'scalar') return undefined;
  if (value.kind === 'message') return insideBraces(value, offset) ? value : undefined;
  if (!insideBraces(value, offset)) return undefined;
  for (const item of value.values) {
    if (item.kind === 'message' && insideBraces(item, offset)) return item;
  }
  return undefined;
}

function insideBraces(
  node: { range: { start: number; end: number }; closed: boolean },
  offset: number,
) {
  if (offset <= node.range.start) return false;
  return node.closed ? offset < node.range.end : true;
}

/** Returns the field with a scalar value, or the field name, at the offset. */
export function fieldAt(document: DocumentNode, offset: number): FieldNode | undefined {
  const location = locate(document, offset);
  const innermost = location.fields[location.fields.length - 1];
  if (innermost === undefined) return undefined;
  const onName = offset >= innermost.nameRange.start && offset <= innermost.nameRange.end;
  const onScalar =
    innermost.value?.kind === 'scalar' &&
    offset >= innermost.value.range.start &&
    offset <= innermost.value.range.end;
  return onName || onScalar ? innermost : undefined;
}
