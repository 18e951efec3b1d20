import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { t } from '../dialogs/messages/index.ts';
import type { DigestPlace } from '../store/digest-rows.ts';
import type { ScopePlace } from '../store/digest-scope.ts';
import { maskText } from '../privacy/index.ts';
import type { Digest, DigestPerson } from './digest.ts';
import { identityTextLines } from './digest-identity.ts';
import { observedText } from './digest-observed.ts';
import { registryDigestLines } from './registry-digest.ts';
import { campaignsSection } from './digest-campaigns.ts';

/**
 * The digest as a staff member reads it on a phone: the counts first, then at most a few names per
 * list. Names and rooms only: no ID number or phone is in the digest to begin with.
 */
export const namesPerList = 10;

function scopeName(lang: string, place: ScopePlace): string {
  if (place.kind === 'grid') return t(lang, 'digest.scope.grid', { name: place.name });
  return place.path.length > 1 ? place.path.slice(1).join('') : (place.path[0] ?? '');
}

/** A list's lines: the first few, then how many more. */
function capped<T>(lang: string, items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, namesPerList).map((item) => `· ${line(item)}`);
  if (items.length > namesPerList) shown.push(t(lang, 'digest.more', { count: items.length - namesPerList }));
  return shown;
}

/** What the digest is over and how far into the day it speaks: the title's words, also the file's and the chart's. */
export function digestHeading(digest: Digest, lang: string, timeZone: string): { scope: string; asOf: string } {
  const time = format(new TZDate(digest.asOf.getTime(), timeZone), 'HH:mm');
  return {
    scope: digest.scope.map((place) => scopeName(lang, place)).join(t(lang, 'digest.scope.separator')),
    asOf: digest.final ? t(lang, 'digest.wholeDay') : t(lang, 'digest.asOf', { time }),
  };
}

export function digestText(digest: Digest, lang: string, timeZone: string): string {
  const everyone: DigestPerson[] = [...digest.checkins.missed, ...digest.checkins.abnormal, ...digest.helpRequests, ...digest.observed];
  // The site is named only when the people listed live in more than one.
  const manySites = new Set(everyone.map((person) => person.place?.site ?? null)).size > 1;
  const placeText = (place: DigestPlace | null) => {
    if (!place) return '';
    const text = manySites || place.below === '' ? `${place.site ?? ''}${place.below}` : place.below;
    return text === '' ? '' : ` ${text}`;
  };
  const who = (person: DigestPerson) => `${person.name ?? t(lang, 'digest.unnamed')}${placeText(person.place)}`;
  const dayAndTime = (at: Date) => format(new TZDate(at.getTime(), timeZone), 'MM-dd HH:mm');

  const { checkins } = digest;
  const lines = [
    t(lang, 'digest.title', { day: digest.day, ...digestHeading(digest, lang, timeZone) }),
    t(lang, 'digest.residents', { total: digest.residents.total, new: digest.residents.newToday }),
    t(lang, 'digest.observation', { count: digest.underObservation }),
    ...capped(lang, digest.observed, (person) => `${who(person)} ${observedText(lang, person)}`),
  ];
  if (checkins.asked === 0) {
    lines.push(t(lang, 'digest.checkins.none'));
  } else {
    lines.push(
      t(lang, 'digest.checkins', { asked: checkins.asked, answered: checkins.answered, missed: checkins.missed.length }) +
        (checkins.awaiting > 0 ? t(lang, 'digest.checkins.awaiting', { count: checkins.awaiting }) : ''),
    );
  }
  if (checkins.missed.length > 0) lines.push(t(lang, 'digest.missed'), ...capped(lang, checkins.missed, who));
  if (checkins.abnormal.length > 0) {
    lines.push(t(lang, 'digest.abnormal', { count: checkins.abnormal.length }));
    lines.push(
      ...capped(lang, checkins.abnormal, (checkin) =>
        t(lang, 'digest.abnormal.line', {
          who: who(checkin),
          temperature: checkin.temperature.toFixed(1),
          symptoms: checkin.symptoms === null ? t(lang, 'checkin.no-symptoms') : maskText(checkin.symptoms).slice(0, 40),
        }),
      ),
    );
  }
  lines.push(t(lang, 'digest.help', { count: digest.helpRequests.length }));
  lines.push(...capped(lang, digest.helpRequests, (request) => `${who(request)} ${dayAndTime(request.at)}`));
  lines.push(t(lang, 'digest.tenants', { count: digest.unregisteredTenants.length }));
  lines.push(
    ...capped(lang, digest.unregisteredTenants, (tenant) =>
      [
        tenant.name ?? t(lang, 'digest.unnamed'),
        tenant.room ? ` ${tenant.room}` : '',
        tenant.landlord ? t(lang, 'digest.tenant.landlord', { name: tenant.landlord }) : '',
      ].join(''),
    ),
  );
  if (digest.shops !== null) lines.push(t(lang, 'digest.shops', digest.shops));
  // Only community-wide staff get the count, and only when a crash left some: nothing to act on otherwise.
  if (digest.uncertainSends) lines.push(t(lang, 'digest.uncertain', { count: digest.uncertainSends }));
  lines.push(...identityTextLines(digest, lang, timeZone, capped));
  if (digest.census) lines.push(...registryDigestLines(digest.census, lang));
  lines.push(...campaignsSection(digest.campaigns ?? [], lang));
  return lines.join('\n');
}
