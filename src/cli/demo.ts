import { Command } from 'commander';
import { loadDemo, demoSetupPath } from '../store/demo.ts';
import type { Setup, SetupBuilding } from '../store/setup-file.ts';
import { withStore } from './context.ts';
import { summariseCounts } from './setup.ts';

function describeBuilding(building: SetupBuilding): string {
  const rooms = building.rooms.length + building.units.reduce((total, unit) => total + unit.rooms.length, 0);
  const units = building.units.length === 0 ? '' : building.units.length === 1 ? '1 unit, ' : `${building.units.length} units, `;
  return rooms === 0 ? `${building.name} (no rooms yet)` : `${building.name} (${units}${rooms} rooms)`;
}

/** An outline of a setup, one line per site, grid, chat and staff member. */
export function describeSetup(setup: Setup): string[] {
  return setup.communities.flatMap((community) => [
    community.name,
    ...community.sites.map((site) => {
      const buildings = site.buildings.map(describeBuilding).join(', ');
      return `  ${site.name} (${site.kind})${buildings ? `: ${buildings}` : ''}`;
    }),
    ...community.grids.map((grid) => `  grid ${grid.name}: ${grid.areas.map((area) => area.join('/')).join(', ')}`),
    ...community.chats.map((chat) => `  chat ${chat.title ?? chat.id} (${chat.platform}, ${chat.kind}) → ${chat.area?.join('/') ?? community.name}`),
    ...community.staff.map((staff) => {
      const scope = staff.scope.kind === 'grid' ? `grid:${staff.scope.name}` : staff.scope.path.join('/');
      const accounts = staff.accounts.map((account) => `${account.platform}:${account.id}`).join(', ');
      return `  staff ${staff.name} (${staff.role}, ${scope})${accounts ? `, accounts ${accounts}` : ''}`;
    }),
  ]);
}

export function demoCommand(): Command {
  return new Command('demo')
    .addHelpText(
      'after',
      `
The demo is an ordinary setup file, ${demoSetupPath};
loading it again changes nothing. Then play in it with \`linli sim\`, e.g. as 李主任 in 社区工作群.`,
    )
    .action(async () => {
      const { setup, counts } = await withStore(({ database, cipher }) => loadDemo(database.db, cipher));
      process.stdout.write(`${describeSetup(setup).join('\n')}\n`);
      process.stdout.write(`Loaded the demo: ${summariseCounts(counts)}\n`);
    });
}
