import type { ParsedSetup } from './setup-file.ts';

/**
 * The problems found in a setup file, each at the line and column of the field it concerns, so
 * that a staff member fixes them all in one go.
 */

export type FieldPath = readonly (string | number)[];
export interface SourceLocation { line: number; column: number }
/** Where the parsed values came from, so that a later check (against the store) can still name a line. */
export interface SetupSource {
  fileName: string;
  locate(path: FieldPath, options?: { atKey?: boolean }): SourceLocation | undefined;
}
/** `atKey`: point at the field's name rather than its value (an unknown field). */
export interface SetupProblem { path: FieldPath; message: string; location?: SourceLocation; atKey?: boolean }

/** `communities[0].sites[1].buildings[2]` */
export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

export class SetupFileError extends Error {
  readonly problems: readonly SetupProblem[];
  /** What is sound in a file with problems, to be checked against the store in the same run. */
  partial?: ParsedSetup;

  constructor(readonly fileName: string, problems: readonly SetupProblem[]) {
    const inFileOrder = [...problems].sort(
      (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
    );
    super(
      inFileOrder
        .map(({ path, message, location }) => {
          const where = location ? `${fileName}:${location.line}:${location.column}` : fileName;
          return path.length > 0 ? `${where}: ${formatFieldPath(path)}: ${message}` : `${where}: ${message}`;
        })
        .join('\n'),
    );
    this.problems = inFileOrder;
    this.name = 'SetupFileError';
  }

  /** Problems found after parsing, located in the file when the setup came from one. */
  static at(source: SetupSource | undefined, problems: readonly Omit<SetupProblem, 'location'>[]): SetupFileError {
    return new SetupFileError(
      source?.fileName ?? 'setup',
      problems.map((problem) => ({ ...problem, location: source?.locate(problem.path, { atKey: problem.atKey }) })),
    );
  }
}
