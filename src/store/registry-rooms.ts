import type { Room } from '../dialogs/answers/index.ts';
import { ensureChildren, type SiteKind } from './areas.ts';
import type { Queryable } from './db.ts';
import { labelOf } from './rooms.ts';

/**
 * The rooms of a site by their labels, for a registry of many thousands of rows: a room is found in
 * a map, not by scanning the site, and a room the registry knows and the setup did not is added
 * (building 96号, unit 2单元, room 201), so that the registry's rooms count as known rooms.
 */
interface BuildingRooms {
  id: number;
  units: Map<string, number>;
  /** `${unit}|${room}` with unit '' for a room straight under the building. */
  rooms: Map<string, number>;
}

export class SiteRooms {
  private constructor(
    readonly siteId: number,
    readonly siteName: string,
    private readonly siteKind: SiteKind,
    private readonly buildings: Map<string, BuildingRooms>,
  ) {}

  static async load(q: Queryable, site: { id: number; name: string; kind: SiteKind }): Promise<SiteRooms> {
    const rows = await q.query<{ building_id: number; building: string; unit_id: number | null; unit: string | null; room_id: number | null; room: string | null }>(
      `SELECT b.id AS building_id, b.name AS building, u.id AS unit_id, u.name AS unit, r.id AS room_id, r.name AS room
       FROM areas b
       JOIN areas u ON u.parent_id = b.id AND u.kind = 'unit'
       LEFT JOIN areas r ON r.parent_id = u.id AND r.kind = 'room'
       WHERE b.parent_id = $1 AND b.kind = 'building'
       UNION ALL
       SELECT b.id, b.name, NULL, NULL, r.id, r.name
       FROM areas b LEFT JOIN areas r ON r.parent_id = b.id AND r.kind = 'room'
       WHERE b.parent_id = $1 AND b.kind = 'building'`,
      [site.id],
    );
    const buildings = new Map<string, BuildingRooms>();
    for (const row of rows) {
      const label = labelOf(row.building);
      const building = buildings.get(label) ?? { id: row.building_id, units: new Map(), rooms: new Map() };
      buildings.set(label, building);
      const unit = row.unit === null ? '' : labelOf(row.unit);
      if (row.unit_id !== null) building.units.set(unit, row.unit_id);
      if (row.room_id !== null && row.room !== null) building.rooms.set(`${unit}|${labelOf(row.room)}`, row.room_id);
    }
    return new SiteRooms(site.id, site.name, site.kind, buildings);
  }

  /** The room's area: by building, unit and room; without a unit, the one room of that number in the building. */
  resolve(room: Room): number | null {
    if (room.building === null || room.room === null) return null;
    const building = this.buildings.get(room.building.toUpperCase());
    if (!building) return null;
    const number = room.room.toUpperCase();
    if (room.unit !== null) return building.rooms.get(`${room.unit.toUpperCase()}|${number}`) ?? null;
    const direct = building.rooms.get(`|${number}`);
    if (direct !== undefined) return direct;
    const found = [...building.units.keys()].map((unit) => building.rooms.get(`${unit}|${number}`)).filter((id) => id !== undefined);
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  /** Adds the buildings, units and rooms of these addresses that the site does not have yet. */
  async addMissing(q: Queryable, rooms: readonly Room[]): Promise<number> {
    const wanted = rooms.filter((room) => room.building !== null && room.room !== null && this.resolve(room) === null);
    if (wanted.length === 0) return 0;
    const buildingName = (label: string) => (this.siteKind === 'village' ? `${label}号` : `${label}栋`);
    const newBuildings = [...new Set(wanted.map((room) => (room.building ?? '').toUpperCase()))].filter((label) => !this.buildings.has(label));
    const createdBuildings = await ensureChildren(q, this.siteId, 'building', newBuildings.map(buildingName));
    for (const label of newBuildings) {
      const id = createdBuildings.get(buildingName(label));
      if (id !== undefined) this.buildings.set(label, { id, units: new Map(), rooms: new Map() });
    }
    let added = 0;
    const byParent = new Map<number, { unit: string; building: BuildingRooms; rooms: Set<string> }>();
    for (const room of wanted) {
      const building = this.buildings.get((room.building ?? '').toUpperCase());
      if (!building || this.resolve(room) !== null) continue;
      let unit = room.unit === null ? '' : room.unit.toUpperCase();
      // A room given without its unit, in a building that has units, is not guessed into one.
      if (unit === '' && building.units.size > 0) continue;
      let parentId = building.id;
      if (unit !== '') {
        let unitId = building.units.get(unit);
        if (unitId === undefined) {
          const made = await ensureChildren(q, building.id, 'unit', [`${unit}单元`]);
          unitId = made.get(`${unit}单元`);
          if (unitId === undefined) continue;
          building.units.set(unit, unitId);
        }
        parentId = unitId;
      } else {
        unit = '';
      }
      const group = byParent.get(parentId) ?? { unit, building, rooms: new Set<string>() };
      group.rooms.add((room.room ?? '').toUpperCase());
      byParent.set(parentId, group);
    }
    for (const [parentId, group] of byParent) {
      const made = await ensureChildren(q, parentId, 'room', [...group.rooms]);
      for (const [name, id] of made) {
        if (!group.building.rooms.has(`${group.unit}|${name}`)) added += 1;
        group.building.rooms.set(`${group.unit}|${name}`, id);
      }
    }
    return added;
  }
}
