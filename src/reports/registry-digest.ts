import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type ExcelJS from 'exceljs';
import { t, type MessageKey } from '../dialogs/messages/index.ts';
import type { CoverageCounts, PersonLine, RegistryCheckRows, TwoAddressesLine } from '../store/registry-checks.ts';

/**
 * The digest's section on counting everyone: coverage of the known rooms and its change since
 * yesterday, the rooms still to knock on (by building), and where the registry, the registrations
 * and the landlords' lists disagree. Built from the rows of store/registry-checks.ts; its text
 * lines and workbook sheets are drawn here, so that the digest's own files only call them.
 */

export interface Coverage extends CoverageCounts {
  /** Registered or marked empty, of the rooms known: 0-100, one decimal. */
  percent: number;
}

export interface RegistryDigest {
  coverage: Coverage & {
    yesterday: Coverage;
    /** Percentage points since yesterday's end. */
    change: number;
  };
  /** The door-knock list: per building, the rooms with nobody registered and not marked empty. */
  unregisteredRooms: { site: string; building: string; rooms: string[] }[];
  /** The registry's checks; null while no registry entry is in scope. */
  registry: {
    entries: number;
    withoutRegistration: (PersonLine & { ref: string | null })[];
    registrationsWithoutEntry: PersonLine[];
    twoAddresses: TwoAddressesLine[];
    phoneDiffers: PersonLine[];
    nameDiffers: PersonLine[];
  } | null;
  tenantsUnlisted: PersonLine[];
  staleRosters: { landlord: string | null; list: string | null; updatedOn: string }[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function coverage(counts: CoverageCounts): Coverage {
  const counted = counts.roomsRegistered + counts.roomsEmpty;
  return { ...counts, percent: counts.roomsKnown === 0 ? 0 : round1((counted / counts.roomsKnown) * 100) };
}

export function buildRegistryDigest(rows: RegistryCheckRows, timeZone: string): RegistryDigest {
  const today = coverage(rows.today);
  const yesterday = coverage(rows.yesterday);
  const buildings = new Map<string, { site: string; building: string; rooms: string[] }>();
  for (const room of rows.unregisteredRooms) {
    const key = `${room.site}\u0000${room.building}`;
    const building = buildings.get(key) ?? { site: room.site, building: room.building, rooms: [] };
    building.rooms.push(room.room);
    buildings.set(key, building);
  }
  return {
    coverage: { ...today, yesterday, change: round1(today.percent - yesterday.percent) },
    unregisteredRooms: [...buildings.values()],
    registry:
      rows.registryEntries === 0
        ? null
        : {
            entries: rows.registryEntries,
            withoutRegistration: rows.registryWithoutRegistration,
            registrationsWithoutEntry: rows.registrationsWithoutRegistry,
            twoAddresses: rows.twoAddresses,
            phoneDiffers: rows.phoneDiffers,
            nameDiffers: rows.nameDiffers,
          },
    tenantsUnlisted: rows.tenantsUnlisted,
    staleRosters: rows.staleRosters.map((roster) => ({
      landlord: roster.landlord,
      list: roster.list,
      updatedOn: format(new TZDate(roster.updatedAt.getTime(), timeZone), 'yyyy-MM-dd'),
    })),
  };
}

/** How many people the section names: what reading it is audited as, with the rest of the digest. */
export const peopleInRegistryDigest = (section: RegistryDigest | null | undefined): number =>
  section
    ? (section.registry
        ? section.registry.withoutRegistration.length +
          section.registry.registrationsWithoutEntry.length +
          section.registry.twoAddresses.length +
          section.registry.phoneDiffers.length +
          section.registry.nameDiffers.length
        : 0) + section.tenantsUnlisted.length
    : 0;

const shown = 10;
const roomsShown = 20;

function capped<T>(lang: string, items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, shown).map((item) => `· ${line(item)}`);
  if (items.length > shown) lines.push(t(lang, 'registry.digest.more', { count: items.length - shown }));
  return lines;
}

const person = (lang: string) => (line: PersonLine) => `${line.name ?? t(lang, 'digest.unnamed')}${line.place ? ` ${line.place}` : ''}`;

/** The section as lines of the digest's text. */
export function registryDigestLines(section: RegistryDigest, lang: string): string[] {
  const { coverage: c } = section;
  const change = `${c.change >= 0 ? '+' : ''}${c.change}`;
  const lines = [t(lang, 'registry.digest.coverage', { known: c.roomsKnown, registered: c.roomsRegistered, empty: c.roomsEmpty, percent: c.percent, change })];
  const unregistered = section.unregisteredRooms.reduce((total, building) => total + building.rooms.length, 0);
  if (unregistered > 0) {
    lines.push(t(lang, 'registry.digest.unregistered', { count: unregistered }));
    lines.push(
      ...capped(lang, section.unregisteredRooms, (building) => {
        const rooms = building.rooms.slice(0, roomsShown).join(t(lang, 'registry.digest.separator'));
        const more = building.rooms.length > roomsShown ? t(lang, 'registry.digest.rooms.more', { count: building.rooms.length }) : '';
        return `${building.site}${building.building}：${rooms}${more}`;
      }),
    );
  }
  const { registry } = section;
  if (registry) {
    lines.push(
      t(lang, 'registry.digest.checks', {
        entries: registry.entries,
        unregistered: registry.withoutRegistration.length,
        unlisted: registry.registrationsWithoutEntry.length,
        twoAddresses: registry.twoAddresses.length,
        phone: registry.phoneDiffers.length,
      }),
    );
    const lists: [MessageKey, PersonLine[]][] = [
      ['registry.digest.withoutRegistration', registry.withoutRegistration],
      ['registry.digest.twoAddresses', registry.twoAddresses],
      ['registry.digest.phoneDiffers', registry.phoneDiffers],
      ['registry.digest.nameDiffers', registry.nameDiffers],
    ];
    for (const [key, people] of lists) {
      if (people.length > 0) lines.push(t(lang, key, { count: people.length }), ...capped(lang, people, person(lang)));
    }
  }
  if (section.tenantsUnlisted.length > 0) {
    lines.push(t(lang, 'registry.digest.tenantsUnlisted', { count: section.tenantsUnlisted.length }), ...capped(lang, section.tenantsUnlisted, person(lang)));
  }
  if (section.staleRosters.length > 0) {
    lines.push(
      t(lang, 'registry.digest.staleRosters', { count: section.staleRosters.length }),
      ...capped(lang, section.staleRosters, (roster) => `${roster.landlord ?? t(lang, 'digest.unnamed')}${roster.list ? ` ${roster.list}` : ''} ${roster.updatedOn}`),
    );
  }
  return lines;
}

type Cell = string | number | null;
export type AddSheet = (workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[]) => void;

/** The section's sheets in the digest's workbook: every list in full. */
export function addRegistrySheets(workbook: ExcelJS.Workbook, section: RegistryDigest, lang: string, addSheet: AddSheet): void {
  const say = (key: MessageKey) => t(lang, key);
  const c = section.coverage;
  addSheet(
    workbook,
    say('registry.file.sheet.coverage'),
    [say('digest.file.item'), say('digest.file.value')],
    [
      [say('registry.file.roomsKnown'), c.roomsKnown],
      [say('registry.file.roomsRegistered'), c.roomsRegistered],
      [say('registry.file.roomsEmpty'), c.roomsEmpty],
      [say('registry.file.percent'), c.percent],
      [say('registry.file.change'), c.change],
      ...(section.registry
        ? ([
            [say('registry.file.entries'), section.registry.entries],
            [say('registry.file.sheet.withoutRegistration'), section.registry.withoutRegistration.length],
            [say('registry.file.sheet.withoutEntry'), section.registry.registrationsWithoutEntry.length],
            [say('registry.file.sheet.twoAddresses'), section.registry.twoAddresses.length],
            [say('registry.file.sheet.phoneDiffers'), section.registry.phoneDiffers.length],
            [say('registry.file.sheet.nameDiffers'), section.registry.nameDiffers.length],
          ] satisfies Cell[][])
        : []),
      [say('registry.file.sheet.tenantsUnlisted'), section.tenantsUnlisted.length],
      [say('registry.file.sheet.staleRosters'), section.staleRosters.length],
    ],
    [34, 16],
  );
  addSheet(
    workbook,
    say('registry.file.sheet.unregistered'),
    [say('digest.file.col.site'), say('digest.file.col.building'), say('registry.file.col.room')],
    section.unregisteredRooms.flatMap((building) => building.rooms.map((room) => [building.site, building.building, room])),
    [14, 12, 14],
  );
  const people = (key: MessageKey, lines: PersonLine[]) =>
    addSheet(workbook, say(key), [say('digest.file.col.name'), say('registry.file.col.place')], lines.map((line) => [line.name, line.place]), [16, 30]);
  if (section.registry) {
    addSheet(
      workbook,
      say('registry.file.sheet.withoutRegistration'),
      [say('digest.file.col.name'), say('registry.file.col.ref'), say('registry.file.col.place')],
      section.registry.withoutRegistration.map((line) => [line.name, line.ref, line.place]),
      [16, 14, 30],
    );
    people('registry.file.sheet.withoutEntry', section.registry.registrationsWithoutEntry);
    addSheet(
      workbook,
      say('registry.file.sheet.twoAddresses'),
      [say('digest.file.col.name'), say('registry.file.col.places')],
      section.registry.twoAddresses.map((line) => [line.name, line.places.join('; ')]),
      [16, 50],
    );
    people('registry.file.sheet.phoneDiffers', section.registry.phoneDiffers);
    people('registry.file.sheet.nameDiffers', section.registry.nameDiffers);
  }
  people('registry.file.sheet.tenantsUnlisted', section.tenantsUnlisted);
  addSheet(
    workbook,
    say('registry.file.sheet.staleRosters'),
    [say('digest.file.col.landlord'), say('registry.file.col.list'), say('registry.file.col.updated')],
    section.staleRosters.map((roster) => [roster.landlord, roster.list, roster.updatedOn]),
    [16, 20, 14],
  );
}
