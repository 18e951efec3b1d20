import { TZDate } from '@date-fns/tz';
import { addDays, parseISO } from 'date-fns';
import { isAbnormal } from '../dialogs/checkin-answer.ts';
import type { DigestPlace, DigestRows, DigestWindow, TenantDigestRow } from '../store/digest-rows.ts';
import type { ScopePlace } from '../store/digest-scope.ts';
import type { IdConflictDigestRow } from '../store/digest-identity.ts';
import { observedLines, type ObservedLine } from './digest-observed.ts';
import { peopleInRegistryDigest, type RegistryDigest } from './registry-digest.ts';
import type { CampaignDigest } from './digest-campaigns.ts';

/**
 * The numbers of the daily staff digest, computed from the rows the store read for one staff
 * member's scope. Pure: the same rows and the same moment give the same digest.
 */

export interface DigestPerson {
  name: string | null;
  place: DigestPlace | null;
}

export interface AbnormalCheckin extends DigestPerson {
  temperature: number;
  symptoms: string | null;
}

export interface HelpRequestLine extends DigestPerson {
  at: Date;
}

export interface Digest {
  day: string;
  /** The moment the digest speaks for: now for today, the day's end for a past day. */
  asOf: Date;
  /** The day is over: whoever has not checked in has missed it. */
  final: boolean;
  scope: ScopePlace[];
  residents: { total: number; newToday: number };
  underObservation: number;
  observed: ObservedLine[];
  checkins: {
    asked: number;
    answered: number;
    /** Asked this morning, not answered, not yet reminded: not missed yet. */
    awaiting: number;
    /** Not answered after the reminder, or the day is over, or the bot could not ask them at all. */
    missed: DigestPerson[];
    abnormal: AbnormalCheckin[];
  };
  helpRequests: HelpRequestLine[];
  unregisteredTenants: TenantDigestRow[];
  /** Sends interrupted by a crash, never repeated: for community-wide staff only (else null). */
  uncertainSends: number | null;
  /** The shops of the markets in scope: how many answered the morning question, how many flagged someone; null without shops. */
  shops: { total: number; answered: number; flagged: number } | null;
  /** ID numbers given by someone other than the person they are registered to, until staff resolve them. */
  idConflicts: IdConflictDigestRow[];
  /** Landlords' list rows whose ID number is registered under another name: never linked, shown here. */
  rosterMismatches: TenantDigestRow[];
  /** Counting everyone: coverage of the rooms, the door-knock list, the registry's cross-checks (registry-digest.ts). */
  census?: RegistryDigest;
  /** The campaigns running in the scope or ended in the last week, counted within it (digest-campaigns.ts). */
  campaigns?: CampaignDigest[];
}

/** The community's calendar day as instants, and how far into it `now` is. */
export function digestWindow(day: string, timeZone: string): DigestWindow {
  const date = parseISO(day);
  const start = new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), timeZone);
  return { day, start: new Date(start.getTime()), end: new Date(addDays(start, 1).getTime()) };
}

const placeKey = (person: DigestPerson) => `${person.place?.site ?? '\uffff'}|${person.place?.below ?? '\uffff'}|${person.name ?? ''}`;
const byPlace = <T extends DigestPerson>(people: T[]): T[] => [...people].sort((a, b) => placeKey(a).localeCompare(placeKey(b), 'zh-CN'));

export function buildDigest(rows: DigestRows, window: DigestWindow, scope: ScopePlace[], now: Date): Digest {
  const asOf = now.getTime() < window.end.getTime() ? now : window.end;
  const final = asOf.getTime() >= window.end.getTime();
  const unanswered = rows.checkins.filter((checkin) => checkin.answeredAt === null);
  const missed = unanswered.filter((checkin) => final || !checkin.reachable || checkin.remindedAt !== null);
  const abnormal: AbnormalCheckin[] = [];
  for (const checkin of rows.checkins) {
    if (checkin.answer && isAbnormal(checkin.answer)) {
      abnormal.push({ name: checkin.name, place: checkin.place, temperature: checkin.answer.temperature, symptoms: checkin.answer.symptoms });
    }
  }
  return {
    day: window.day,
    asOf,
    final,
    scope,
    residents: { total: rows.residents.total, newToday: rows.residents.newToday },
    underObservation: rows.underObservation,
    observed: observedLines(rows, window.day),
    checkins: {
      asked: rows.checkins.length,
      answered: rows.checkins.length - unanswered.length,
      awaiting: unanswered.length - missed.length,
      missed: byPlace(missed.map((checkin) => ({ name: checkin.name, place: checkin.place }))),
      abnormal: byPlace(abnormal),
    },
    helpRequests: rows.helpRequests.map((request) => ({ name: request.name, place: request.place, at: request.createdAt })),
    unregisteredTenants: rows.unregisteredTenants,
    uncertainSends: rows.uncertainSends,
    shops:
      rows.shops.length === 0
        ? null
        : {
            total: rows.shops.length,
            answered: rows.shops.filter((shop) => shop.answer !== null).length,
            flagged: rows.shops.filter((shop) => (shop.answer?.flagged.length ?? 0) > 0).length,
          },
    idConflicts: rows.idConflicts,
    rosterMismatches: rows.rosterMismatches,
  };
}

/** How many people a digest names: what its reading is audited as. */
export const peopleNamed = (digest: Digest): number =>
  digest.checkins.missed.length + digest.checkins.abnormal.length + digest.helpRequests.length + digest.unregisteredTenants.length +
  digest.idConflicts.length * 2 + digest.rosterMismatches.length +
  digest.observed.length + peopleInRegistryDigest(digest.census);
