import { t, type MessageKey } from '../messages/index.ts';
import { oneEditVariants, type PlaceLabels } from './keys.ts';
import type { FindQuery } from './query.ts';
import { nameSound } from './sound.ts';

/**
 * How well a candidate fits a query, part by part: each part of the query (the name, each run of
 * digits, the address) counts by its weight, scaled by how well it matched (the same characters,
 * the same sound, a close sound; the whole number, one digit off, its tail), and the score is the
 * share of the query that matched, from 0 to 1. Pure: what the store read of the candidate in,
 * a score and the reasons in staff's language out.
 */

export interface FindCandidate {
  personId: number;
  ref: string | null;
  /** The person's own name first, then the names their registry entries give. */
  names: string[];
  phones: string[];
  idNumbers: string[];
  places: PlaceLabels[];
}

export interface ScoredCandidate {
  candidate: FindCandidate;
  score: number;
  reasons: string[];
}

/** At or above this, a result is a match; below it, only a candidate to tell apart. */
export const confidentScore = 0.75;
/** Below this a candidate is not shown at all. */
export const leastScore = 0.3;

const weights = { name: 40, digits: 40, place: 30 } as const;

interface PartMatch {
  fit: number;
  reason: MessageKey;
  params?: Record<string, string>;
}

const editOf = (typed: string, stored: string): boolean => typed !== stored && oneEditVariants(typed).includes(stored);

function matchName(query: NonNullable<FindQuery['name']>, names: string[]): PartMatch | null {
  let best: PartMatch | null = null;
  const consider = (match: PartMatch) => {
    if (best === null || match.fit > best.fit) best = match;
  };
  for (const name of names) {
    const sound = nameSound(name);
    if (sound === null) continue;
    if (query.surnameOnly) {
      if (name.startsWith(query.text)) consider({ fit: 1, reason: 'find.reason.surname', params: { name } });
      else if (sound.surname === query.sound.surname) consider({ fit: 0.8, reason: 'find.reason.surname.sound', params: { name } });
      continue;
    }
    if (name === query.text || name.toLowerCase() === query.text.toLowerCase()) consider({ fit: 1, reason: 'find.reason.name.same', params: { name } });
    else if (sound.syllables.join(' ') === query.sound.syllables.join(' ')) consider({ fit: 0.85, reason: 'find.reason.name.sound', params: { name } });
    else if (sound.loose === query.sound.loose) consider({ fit: 0.65, reason: 'find.reason.name.loose', params: { name } });
    else if (sound.surname === query.sound.surname) consider({ fit: 0.25, reason: 'find.reason.name.surname-only', params: { name } });
  }
  return best;
}

function matchDigits(run: string, phones: string[], idNumbers: string[]): PartMatch | null {
  const ids = idNumbers.map((id) => (id.includes(':') ? id.slice(id.indexOf(':') + 1) : id));
  const some = (values: string[], test: (value: string) => boolean) => values.some(test);
  const tail = run.slice(-4);
  if (run.length === 11 && run.startsWith('1')) {
    if (phones.includes(run)) return { fit: 1, reason: 'find.reason.phone.same' };
    if (some(phones, (phone) => editOf(run, phone))) return { fit: 0.8, reason: 'find.reason.phone.edit' };
  }
  if (run.length === 18) {
    if (ids.includes(run)) return { fit: 1, reason: 'find.reason.id.same' };
    if (some(ids, (id) => editOf(run, id))) return { fit: 0.8, reason: 'find.reason.id.edit' };
  }
  if (run.length >= 4 && some(phones, (phone) => phone.endsWith(run))) return { fit: 1, reason: 'find.reason.phone.tail', params: { digits: run } };
  if (run.length >= 4 && some(ids, (id) => id.endsWith(run))) return { fit: 1, reason: 'find.reason.id.tail', params: { digits: run } };
  if (run.length >= 6 && some(ids, (id) => id.includes(run))) return { fit: 0.9, reason: 'find.reason.id.part', params: { digits: run } };
  if (run.length >= 6 && some(phones, (phone) => phone.includes(run))) return { fit: 0.8, reason: 'find.reason.phone.part', params: { digits: run } };
  if (run.length >= 4 && some(phones, (phone) => editOf(tail, phone.slice(-4)))) return { fit: 0.6, reason: 'find.reason.phone.tail-edit', params: { digits: run } };
  if (run.length >= 4 && some(ids, (id) => editOf(tail, id.slice(-4)))) return { fit: 0.5, reason: 'find.reason.id.tail-edit', params: { digits: run } };
  return null;
}

const houseText = (place: PlaceLabels) => `${place.street ?? ''}${place.building ?? ''}`;

function matchPlace(query: NonNullable<FindQuery['place']>, places: PlaceLabels[]): PartMatch | null {
  let best: PartMatch | null = null;
  const consider = (match: PartMatch) => {
    if (best === null || match.fit > best.fit) best = match;
  };
  for (const place of places) {
    if (place.building === null || place.building !== query.building) continue;
    const sameStreet = query.street === null || place.street === null || place.street === query.street;
    const sameRoom = query.room === null || place.room === query.room;
    const where = { place: `${houseText(place)}${place.room ? ` ${place.room}` : ''}` };
    if (sameStreet && sameRoom) consider({ fit: 1, reason: 'find.reason.place.same', params: where });
    else if (sameRoom) consider({ fit: query.room === null ? 0.6 : 0.7, reason: 'find.reason.place.other-street', params: where });
    else if (sameStreet) consider({ fit: 0.4, reason: 'find.reason.place.other-room', params: where });
  }
  return best;
}

/** The score and reasons of one candidate; what the query asked and the candidate lacks is said too. */
export function scoreCandidate(query: FindQuery, candidate: FindCandidate, lang: string): ScoredCandidate {
  let total = 0;
  let matched = 0;
  const reasons: string[] = [];
  const add = (weight: number, match: PartMatch | null, missing: MessageKey, params: Record<string, string> = {}) => {
    total += weight;
    if (match === null) {
      reasons.push(t(lang, missing, params));
      return;
    }
    matched += weight * match.fit;
    reasons.push(t(lang, match.reason, match.params ?? {}));
  };
  if (query.name) add(weights.name, matchName(query.name, candidate.names), 'find.reason.name.differs', { name: query.name.text });
  for (const run of query.digits) add(weights.digits, matchDigits(run, candidate.phones, candidate.idNumbers), 'find.reason.digits.differ', { digits: run });
  if (query.place) add(weights.place, matchPlace(query.place, candidate.places), 'find.reason.place.differs');
  const score = total === 0 ? 0 : Math.round((matched / total) * 100) / 100;
  return { candidate, score, reasons };
}

/**
 * The results to show, best first: every match, or, when nothing matches well, at most a few
 * candidates (with what tells them apart), never one confident wrong person.
 */
export function rankCandidates(query: FindQuery, candidates: FindCandidate[], lang: string, limit: number): ScoredCandidate[] {
  const scored = candidates
    .map((candidate) => scoreCandidate(query, candidate, lang))
    .filter((result) => result.score >= leastScore)
    .sort((a, b) => b.score - a.score || a.candidate.personId - b.candidate.personId);
  const best = scored[0];
  if (best === undefined) return [];
  if (best.score < confidentScore) return scored.slice(0, Math.min(limit, 3));
  return scored.slice(0, limit);
}
