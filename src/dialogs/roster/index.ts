/** Rosters: the lists of tenants and staff that landlords and shop owners paste or send as files. */

export {
  PROBLEM_CODES,
  isProblemCode,
  problemLabel,
  problemText,
  type ProblemCode,
  type RosterAction,
  type RosterEntry,
  type RosterParse,
  type RosterRoom,
  type RosterRow,
  type UnreadLine,
} from './entry.ts';
export { looksLikeRoster } from './detect.ts';
export { parseRosterRules, type RulesOptions } from './rules.ts';
export { parseRoster, readUnreadLines, type ModelReading, type ModelUse, type ParseOptions, type RosterResult } from './parse.ts';
export type { RosterModel, RosterModelConfig, StructuredOutputMethod } from './model.ts';
export { PlaceholderTable } from './placeholders.ts';
export { fileKind, readRosterFile, RosterFileError, type FileKind, type RosterFileOptions, type RosterFileProblem } from './file.ts';
export { rosterJson, rosterReply } from './reply.ts';
export type { ValidationOptions } from './validate.ts';
