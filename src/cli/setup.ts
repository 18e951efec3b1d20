import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { applySetup, type SetupCounts } from '../store/setup.ts';
import { parseSetupFile } from '../store/setup-file.ts';
import { SetupFileError } from '../store/setup-problems.ts';
import { withStore } from './context.ts';

const example = `
A setup file lists communities with their sites (compound | market | village), buildings,
units and rooms, grids, chats and staff. It is applied in one transaction and may be applied
again: what exists is kept and only what is new is added. Every mistake is reported with its
line, e.g.  community.yaml:14:9: communities[0].sites[0].buildings[2].units[0].rooms[3]: expected a room number like 502

Example (YAML; JSON of the same shape works too):
  communities:
    - name: 幸福社区
      sites:
        - name: 保利紫山
          kind: compound
          buildings:
            - name: 3栋
              units:
                - { name: 1单元, rooms: [101, 102, 201, 202] }
                - { name: 2单元, floors: 1-18, roomsPerFloor: 2 }
      grids:
        - { name: 第一网格, areas: [保利紫山/3栋] }
      chats:
        - { platform: sandbox, id: 保利紫山3栋业主群, kind: building, area: 保利紫山/3栋 }
      staff:
        - name: 李主任
          phone: '13800138000'
          role: committee            # admin | committee | grid_worker | building_leader | property_manager | market_manager
          scope: 幸福社区             # the community, site[/building[/unit]], or grid:第一网格
          accounts: [{ platform: sandbox, id: 李主任 }]

See src/store/demo/community.yaml for a whole community.`;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "1 community, 3 sites, 6 buildings, 3 units, 60 rooms, 1 grid, 5 chats, 1 staff"; a part the file lacks is left out. */
export function summariseCounts(counts: SetupCounts): string {
  const parts: [number, string, string][] = [
    [counts.sites, 'site', 'sites'],
    [counts.buildings, 'building', 'buildings'],
    [counts.units, 'unit', 'units'],
    [counts.rooms, 'room', 'rooms'],
    [counts.grids, 'grid', 'grids'],
    [counts.chats, 'chat', 'chats'],
    [counts.staff, 'staff', 'staff'],
  ];
  return [
    plural(counts.communities, 'community', 'communities'),
    ...parts.filter(([count]) => count > 0).map(([count, one, many]) => plural(count, one, many)),
  ].join(', ');
}

async function readSetupText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    throw new SetupFileError(file, [{ path: [], message: `cannot read the file: ${reason}` }]);
  }
}

/** The file's problems, with those the sound part of it has against the store: every problem in one run. */
async function withPlaceProblems(error: SetupFileError): Promise<SetupFileError> {
  const partial = error.partial;
  if (!partial) return error;
  try {
    await withStore(({ database, cipher }) => applySetup(database.db, cipher, partial, { dryRun: true }));
    return error;
  } catch (more) {
    if (!(more instanceof SetupFileError)) throw more;
    return new SetupFileError(error.fileName, [...error.problems, ...more.problems]);
  }
}

export function setupCommand(): Command {
  return new Command('setup')
    .argument('<file>', 'the setup file (.yaml, .yml or .json)')
    .addHelpText('after', example)
    .action(async (file: string) => {
      try {
        // Parse before opening the store: a mistake in the file needs no database to be reported.
        const setup = parseSetupFile(await readSetupText(file), path.basename(file));
        const counts = await withStore(({ database, cipher }) => applySetup(database.db, cipher, setup));
        process.stdout.write(`${path.basename(file)}: ${summariseCounts(counts)}\n`);
      } catch (error) {
        if (!(error instanceof SetupFileError)) throw error;
        process.stderr.write(`${(await withPlaceProblems(error)).message}\n`);
        process.exitCode = 1;
      }
    });
}
