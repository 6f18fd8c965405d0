// A small reader for the parts of config.textproto that the Jobs view edits: the
// `jobs { system_jobs ... }` entries and their `id`, `schedule` and `disabled` fields.
// It keeps offsets so edits touch only those fields and leave the rest of the file as written.
import { SYSTEM_JOB_ID_VALUES } from '../server/config/schema';
import { SYSTEM_JOBS } from '../server/config/systemJobs';

interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  start: number;
  end: number;
}

export interface ScalarValue {
  kind: 'scalar';
  text: string;
  start: number;
  end: number;
}

export interface MessageValue {
  kind: 'message';
  fields: Field[];
  /** Offset of the opening brace. */
  start: number;
  /** Offset of the closing brace. */
  closeStart: number;
  end: number;
}

export interface ListValue {
  kind: 'list';
  items: Value[];
  start: number;
  end: number;
}

export type Value = ScalarValue | MessageValue | ListValue;

export interface Field {
  name: string;
  start: number;
  end: number;
  value: Value;
}

export interface SystemJobOverride {
  id: number;
  entry: MessageValue;
  scheduleField?: Field;
  disabledField?: Field;
  disabled: boolean;
}

export interface ScannedConfig {
  root: Field[];
  /** The first top-level `jobs` message, where new overrides go. */
  jobsBlock?: MessageValue;
  /** Overrides in file order. TrailBase uses the first one when an id repeats. */
  overrides: SystemJobOverride[];
}

export type ScanResult = { ok: true; config: ScannedConfig } | { ok: false; offset: number };

const CLOSING: Record<string, string> = { '{': '}', '<': '>' };

export function scanConfig(text: string): ScanResult {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, offset: tokens.offset };
  const parser = new Parser(tokens);
  const root = parser.parseFields(undefined);
  if (root === undefined || !parser.atEnd()) return { ok: false, offset: parser.offset() };
  return { ok: true, config: collectJobs(root) };
}

/** Returns true when the config turns the system job off, counting TrailBase's default. */
export function isDisabledInConfig(config: ScannedConfig, id: number): boolean {
  const override = config.overrides.find((entry) => entry.id === id);
  if (override) return override.disabled;
  const definition = SYSTEM_JOBS.find((job) => job.id === id);
  return definition ? !definition.enabledByDefault : false;
}

function collectJobs(root: Field[]): ScannedConfig {
  const jobsFields = root.filter((field) => field.name === 'jobs');
  const jobsMessages = jobsFields.flatMap((field) => messagesOf(field.value));
  const overrides = jobsMessages.flatMap((jobs) =>
    jobs.fields
      .filter((field) => field.name === 'system_jobs')
      .flatMap((field) => messagesOf(field.value))
      .flatMap((entry) => readOverride(entry) ?? []),
  );
  return { root, jobsBlock: jobsMessages[0], overrides };
}

function messagesOf(value: Value): MessageValue[] {
  if (value.kind === 'message') return [value];
  if (value.kind === 'list') return value.items.flatMap(messagesOf);
  return [];
}

function readOverride(entry: MessageValue): SystemJobOverride | undefined {
  const idField = entry.fields.find((field) => field.name === 'id');
  if (idField?.value.kind !== 'scalar') return undefined;
  const id = resolveJobId(idField.value.text);
  if (id === undefined) return undefined;
  const disabledField = entry.fields.find((field) => field.name === 'disabled');
  const disabled =
    disabledField?.value.kind === 'scalar' &&
    ['true', 'True', 't', '1'].includes(disabledField.value.text);
  const scheduleField = entry.fields.find((field) => field.name === 'schedule');
  return { id, entry, scheduleField, disabledField, disabled };
}

/** Resolves `1` or `BACKUP` (the value names of TrailBase's `SystemJobId` enum). */
function resolveJobId(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = (SYSTEM_JOB_ID_VALUES as readonly string[]).indexOf(text);
  return index >= 0 ? index : undefined;
}

function tokenize(text: string): Token[] | { offset: number } {
  const tokens: Token[] = [];
  const pattern = /\s+|#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[\w.+-]+|[{}[\]<>:,;]/y;
  let offset = 0;
  while (offset < text.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) return { offset };
    const value = match[0];
    const token = { text: value, start: offset, end: offset + value.length };
    if (/^[{}[\]<>:,;]$/.test(value)) tokens.push({ ...token, kind: 'punct' });
    else if (value[0] === '"' || value[0] === "'") tokens.push({ ...token, kind: 'string' });
    else if (!/^\s|^#/.test(value)) tokens.push({ ...token, kind: 'word' });
    offset = pattern.lastIndex;
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  offset(): number {
    return this.tokens[this.index]?.start ?? this.tokens.at(-1)?.end ?? 0;
  }

  /** Parses fields until `closing` (or the end of the input when undefined). */
  parseFields(closing: string | undefined): Field[] | undefined {
    const fields: Field[] = [];
    while (!this.atEnd() && this.peek()?.text !== closing) {
      const field = this.parseField();
      if (!field) return undefined;
      fields.push(field);
      if (this.peek()?.text === ',' || this.peek()?.text === ';') this.index++;
    }
    return fields;
  }

  private parseField(): Field | undefined {
    const name = this.next();
    if (name?.kind !== 'word') return undefined;
    const hasColon = this.peek()?.text === ':';
    if (hasColon) this.index++;
    const value = this.parseValue(hasColon);
    if (!value) return undefined;
    return { name: name.text, start: name.start, end: value.end, value };
  }

  private parseValue(hasColon: boolean): Value | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if (token.text === '{' || token.text === '<') return this.parseMessage();
    if (token.text === '[' && hasColon) return this.parseList();
    if (!hasColon) return undefined;
    return this.parseScalar();
  }

  private parseMessage(): MessageValue | undefined {
    const open = this.next()!;
    const fields = this.parseFields(CLOSING[open.text]);
    const close = this.next();
    if (!fields || !close || close.text !== CLOSING[open.text]) return undefined;
    return { kind: 'message', fields, start: open.start, closeStart: close.start, end: close.end };
  }

  private parseList(): ListValue | undefined {
    const open = this.next()!;
    const items: Value[] = [];
    while (this.peek() && this.peek()?.text !== ']') {
      const item = this.parseValue(true);
      if (!item) return undefined;
      items.push(item);
      if (this.peek()?.text === ',') this.index++;
    }
    const close = this.next();
    if (close?.text !== ']') return undefined;
    return { kind: 'list', items, start: open.start, end: close.end };
  }

  private parseScalar(): ScalarValue | undefined {
    const first = this.next();
    if (!first || first.kind === 'punct') return undefined;
    let last = first;
    // Adjacent string literals form one value, as in C.
    while (first.kind === 'string' && this.peek()?.kind === 'string') last = this.next()!;
    return { kind: 'scalar', text: first.text, start: first.start, end: last.end };
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }
}
