/**
 * YAML as people read, copy and edit it: the create form's editor, manifest previews, the autoscaler's
 * status. js-yaml rather than `yaml`: a third of the size in the plugin's bundle, where this ships.
 *
 * Read with the YAML 1.2 core schema, as the API server's JSON would be: a timestamp stays a string (never
 * a Date), `<<` is an ordinary key. Written with the default schema, which quotes the strings a YAML 1.1
 * reader such as kubectl's would take for a boolean, a number or a date (`"yes"`, `"2024-01-01"`).
 */
import { CORE_SCHEMA, dump, load, YAMLException } from 'js-yaml';

/** The document's value; throws a YamlSyntaxError naming the line and column. */
export function parseYaml(text: string): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) throw new YamlSyntaxError(error);
    throw error;
  }
}

/** Block style, no anchors for repeated objects, no folded lines, `undefined` fields left out. */
export function toYaml(value: unknown): string {
  return dump(value, { noRefs: true, skipInvalid: true, lineWidth: -1 });
}

/** One line: what is wrong and where (js-yaml's own message adds a multi-line excerpt of the text). */
export class YamlSyntaxError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(cause: YAMLException) {
    const mark = cause.mark as { line: number; column: number } | undefined;
    const line = mark ? mark.line + 1 : undefined;
    const column = mark ? mark.column + 1 : undefined;
    super(
      line === undefined ? cause.reason : `${cause.reason} at line ${line}, column ${column}`
    );
    this.name = 'YamlSyntaxError';
    this.line = line;
    this.column = column;
  }
}
