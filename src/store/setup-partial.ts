import type { FieldPath, SetupProblem } from './setup-problems.ts';

/**
 * What is left of a setup file once the parts with problems are taken out: the list items that
 * hold a problem, and unknown fields. The rest can then still be checked against the store, so
 * that one run reports every problem of the file, not the schema's first and the places' later.
 */
export interface PrunedSetup {
  data: unknown;
  /** The path in the original file of a path in what is left. */
  original(path: FieldPath): FieldPath;
}

const keyOf = (path: FieldPath) => JSON.stringify(path);

function parentAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** The setup without the places of `problems`; undefined when a problem is not inside a list item or field (the whole file is wrong). */
export function pruneProblems(data: unknown, problems: readonly Pick<SetupProblem, 'path' | 'atKey'>[]): PrunedSetup | undefined {
  const copy: unknown = structuredClone(data);
  const removals = new Map<string, { path: FieldPath; indices: Set<number> }>();
  const unknownFields: FieldPath[] = [];
  for (const problem of problems) {
    if (problem.atKey && problem.path.length > 0) {
      unknownFields.push(problem.path);
      continue;
    }
    let deepest = -1;
    problem.path.forEach((key, index) => {
      if (typeof key === 'number') deepest = index;
    });
    if (deepest < 0) return undefined;
    const list = problem.path.slice(0, deepest);
    const entry = removals.get(keyOf(list)) ?? { path: list, indices: new Set<number>() };
    entry.indices.add(problem.path[deepest] as number);
    removals.set(keyOf(list), entry);
  }
  for (const field of unknownFields) {
    const parent = parentAt(copy, field.slice(0, -1));
    const key = field[field.length - 1];
    if (parent && typeof parent === 'object' && !Array.isArray(parent) && typeof key === 'string') delete (parent as Record<string, unknown>)[key];
  }
  // Inner lists first: their paths are counted in the original file, before outer items move.
  const lists = [...removals.values()].sort((a, b) => b.path.length - a.path.length);
  for (const { path, indices } of lists) {
    const list = parentAt(copy, path);
    if (!Array.isArray(list)) continue;
    for (const index of [...indices].sort((a, b) => b - a)) list.splice(index, 1);
  }
  const removed = new Map([...removals].map(([key, { indices }]) => [key, [...indices].sort((a, b) => a - b)]));
  return {
    data: copy,
    original(path) {
      const result: (string | number)[] = [];
      for (const key of path) {
        if (typeof key === 'number') {
          let index = key;
          for (const gone of removed.get(keyOf(result)) ?? []) if (gone <= index) index += 1;
          result.push(index);
        } else result.push(key);
      }
      return result;
    },
  };
}
