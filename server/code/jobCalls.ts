// Finds the schedule argument of TrailBase's guest job constructors in source code:
// Rust `Job::new(name, "spec", handler)` and TypeScript `new JobHandler(name, "spec",
// handler)`. Only a second argument that is a single string literal counts, so
// schedules built at run time are left alone.
import type { ScheduleLiteral } from '../analysis/scheduleString';
import { lexCode, type CodeLanguage, type CodeToken } from './lexer';

export interface JobCall {
  /** Range of the constructor name, such as `Job::new` or `JobHandler`. */
  calleeRange: { start: number; end: number };
  /** The job name when the first argument is a string literal. */
  name?: string;
  schedule: ScheduleLiteral;
}

export function findJobCalls(text: string, language: CodeLanguage): JobCall[] {
  const tokens = lexCode(text, language);
  const calls: JobCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = language === 'rust' ? matchRustCall(tokens, i) : matchTypeScriptCall(tokens, i);
    if (open === undefined) continue;
    const call = readArguments(tokens, open, tokens[i] as CodeToken);
    if (call !== undefined) calls.push(call);
  }
  return calls;
}

/** Returns the index of `(` when `Job::new(` starts at `index`. */
function matchRustCall(tokens: CodeToken[], index: number): number | undefined {
  const parts = ['Job', ':', ':', 'new', '('];
  return matchSequence(tokens, index, parts);
}

/** Returns the index of `(` when `new JobHandler(` starts at `index`. */
function matchTypeScriptCall(tokens: CodeToken[], index: number): number | undefined {
  return matchSequence(tokens, index, ['new', 'JobHandler', '(']);
}

function matchSequence(tokens: CodeToken[], index: number, parts: string[]): number | undefined {
  for (let offset = 0; offset < parts.length; offset++) {
    const token = tokens[index + offset];
    if (token === undefined || token.kind === 'string' || token.text !== parts[offset]) {
      return undefined;
    }
  }
  return index + parts.length - 1;
}

function readArguments(tokens: CodeToken[], open: number, first: CodeToken): JobCall | undefined {
  const nameEnd = skipArgument(tokens, open + 1);
  const comma = tokens[nameEnd];
  if (comma === undefined || comma.text !== ',') return undefined;

  const spec = tokens[nameEnd + 1];
  const after = tokens[nameEnd + 2];
  if (spec === undefined || spec.kind !== 'string' || spec.value === undefined) return undefined;
  if (after === undefined || (after.text !== ',' && after.text !== ')')) return undefined;

  const nameToken = tokens[open + 1];
  const call: JobCall = {
    calleeRange: { start: first.start, end: (tokens[open - 1] as CodeToken).end },
    schedule: {
      value: spec.value,
      range: { start: spec.start, end: spec.end },
      offsets: spec.offsets ?? [],
    },
  };
  if (nameToken?.kind === 'string' && nameEnd === open + 2 && nameToken.value !== undefined) {
    call.name = nameToken.value;
  }
  return call;
}

/** Returns the index of the `,` or `)` that ends the argument starting at `index`. */
function skipArgument(tokens: CodeToken[], index: number): number {
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    const token = tokens[i] as CodeToken;
    if (token.kind !== 'punctuation') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
    if (token.text === ')' || token.text === ']' || token.text === '}') {
      if (depth === 0) return i;
      depth--;
    }
    if (token.text === ',' && depth === 0) return i;
  }
  return tokens.length;
}
