// Completion in config.textproto: field names valid in the enclosing message, values
// for the field before the cursor (job ids, schedules, booleans, enum values) and
// snippets for whole blocks.
import type { CompletionItem, Position, Range } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { DocumentNode } from '../textproto/tree';
import { locate } from '../textproto/locate';
import { findField, MESSAGES, ROOT_MESSAGE, type FieldSchema } from '../config/schema';
import { SYSTEM_JOBS } from '../config/systemJobs';

/** Common schedules offered besides the shortcuts, in TrailBase's 6-field syntax. */
const COMMON_SCHEDULES: readonly [string, string][] = [
  ['0 */5 * * * *', 'every 5 minutes'],
  ['0 */15 * * * *', 'every 15 minutes'],
  ['0 0 */6 * * *', 'every 6 hours'],
  ['0 30 3 * * *', 'every day at 03:30 UTC'],
  ['0 0 9 * * MON-FRI', 'weekdays at 09:00 UTC'],
  ['0 0 2 * * SUN', 'Sundays at 02:00 UTC'],
];

const SHORTCUTS: readonly [string, string][] = [
  ['@hourly', 'every hour at minute 0'],
  ['@daily', 'every day at 00:00 UTC'],
  ['@weekly', 'Sundays at 00:00 UTC'],
  ['@monthly', 'the 1st of each month at 00:00 UTC'],
  ['@yearly', 'January 1st at 00:00 UTC'],
];

const SYSTEM_JOB_SNIPPET =
  'system_jobs {\n  id: ${1|BACKUP,HEARTBEAT,LOG_CLEANER,AUTH_CLEANER,QUERY_OPTIMIZER,' +
  'FILE_DELETIONS|}\n  schedule: "${2:@daily}"\n  disabled: ${3|false,true|}\n}';

export function computeCompletions(
  document: DocumentNode,
  text: string,
  offset: number,
  positionAt: (offset: number) => Position,
): CompletionItem[] {
  const location = locate(document, offset);
  const messageName = resolveMessage(location.messagePath);
  if (messageName === undefined) return [];

  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const beforeCursor = text.slice(lineStart, offset);
  const valueOf = /([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(["']?)[^"'\s{[]*$/.exec(beforeCursor);
  if (valueOf !== null) {
    const field = findField(messageName, valueOf[1] as string);
    if (field === undefined) return [];
    // Inside quotes the typed part (`@da`) is replaced as a whole, because `@` and
    // spaces are not word characters for the editor.
    const typedStart = offset - (/[^"']*$/.exec(beforeCursor)?.[0].length ?? 0);
    const replace = { start: positionAt(typedStart), end: positionAt(offset) };
    return valueCompletions(field, valueOf[2] !== '' ? replace : undefined);
  }
  if (/["'][^"']*$/.test(beforeCursor)) return [];
  const present = new Set(
    location.message?.fields.map((field) => field.name) ??
      document.fields.map((field) => field.name),
  );
  return fieldCompletions(messageName, present);
}

// While the user types, a brace is often unclosed and later blocks nest inside the
// block above them. A name the innermost message lacks is therefore looked up in the
// enclosing messages too, as if the missing braces were there.
function resolveMessage(path: string[]): string | undefined {
  const stack = [ROOT_MESSAGE];
  for (const name of path) {
    let resolved: string | undefined;
    while (stack.length > 0 && resolved === undefined) {
      const field = findField(stack[stack.length - 1] as string, name);
      if (field?.type.kind === 'message') resolved = field.type.message;
      else stack.pop();
    }
    if (resolved === undefined) return undefined;
    stack.push(resolved);
  }
  return stack[stack.length - 1];
}

function fieldCompletions(messageName: string, present: Set<string>): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const field of MESSAGES[messageName] ?? []) {
    if (present.has(field.name) && field.repeated !== true) continue;
    const isMessage = field.type.kind === 'message';
    items.push({
      label: field.name,
      kind: isMessage ? CompletionItemKind.Module : CompletionItemKind.Field,
      detail: describeType(field),
      insertText: isMessage ? `${field.name} {\n  $0\n}` : `${field.name}: $0`,
      insertTextFormat: InsertTextFormat.Snippet,
    });
  }
  if (messageName === 'JobsConfig') {
    items.push({
      label: 'system_jobs { ... }',
      filterText: 'system_jobs',
      kind: CompletionItemKind.Snippet,
      detail: 'override of a system job: id, schedule, disabled',
      insertText: SYSTEM_JOB_SNIPPET,
      insertTextFormat: InsertTextFormat.Snippet,
    });
  }
  if (messageName === ROOT_MESSAGE && !present.has('jobs')) {
    items.push({
      label: 'jobs { system_jobs { ... } }',
      filterText: 'jobs',
      kind: CompletionItemKind.Snippet,
      detail: 'jobs section with one system job override',
      insertText: `jobs {\n  ${SYSTEM_JOB_SNIPPET.replace(/\n/g, '\n  ')}\n}`,
      insertTextFormat: InsertTextFormat.Snippet,
    });
  }
  return items;
}

/** `quoted` is the range of the text typed after an opening quote, when there is one. */
function valueCompletions(field: FieldSchema, quoted: Range | undefined): CompletionItem[] {
  if (field.name === 'id' && field.type.kind === 'enum') return jobIdCompletions();
  if (field.name === 'schedule') return scheduleCompletions(quoted);
  if (field.type.kind === 'scalar' && field.type.scalar === 'bool') {
    return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
  }
  if (field.type.kind === 'enum') {
    return field.type.values.map((label) => ({ label, kind: CompletionItemKind.EnumMember }));
  }
  return [];
}

function jobIdCompletions(): CompletionItem[] {
  return SYSTEM_JOBS.flatMap((job, index) => {
    const enumName = job.enumName;
    const documentation = `${job.summary}\n\nDefault schedule: ${job.defaultSchedule}`;
    const sortText = String(index).padStart(2, '0');
    return [
      {
        label: enumName,
        kind: CompletionItemKind.EnumMember,
        detail: `${job.id} ${job.name}`,
        documentation,
        sortText: `${sortText}a`,
      },
      {
        label: String(job.id),
        kind: CompletionItemKind.EnumMember,
        detail: `${enumName} (${job.name})`,
        documentation,
        sortText: `${sortText}b`,
      },
    ];
  });
}

function scheduleCompletions(quoted: Range | undefined): CompletionItem[] {
  const edit = (newText: string): Partial<CompletionItem> =>
    quoted === undefined
      ? { insertText: `"${newText}"` }
      : { textEdit: { range: quoted, newText } };
  const shortcuts: CompletionItem[] = SHORTCUTS.map(([value, detail], index) => ({
    label: value,
    kind: CompletionItemKind.Constant,
    detail,
    sortText: `0${index}`,
    ...edit(value),
  }));
  const common: CompletionItem[] = COMMON_SCHEDULES.map(([value, detail], index) => ({
    label: value,
    kind: CompletionItemKind.Snippet,
    detail,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `1${index}`,
    ...edit(toSnippet(value)),
  }));
  return [...shortcuts, ...common];
}

/** Turns each field of a schedule into a tab stop, so the user can step through them. */
function toSnippet(schedule: string): string {
  return schedule
    .split(' ')
    .map((field, index) => `\${${index + 1}:${field.replace(/[$}\\]/g, '\\$&')}}`)
    .join(' ');
}

function describeType(field: FieldSchema): string {
  const type = field.type;
  const base = type.kind === 'message' ? type.message : type.kind === 'enum' ? 'enum' : type.scalar;
  return field.repeated === true ? `repeated ${base}` : base;
}
