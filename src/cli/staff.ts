import { Command, InvalidArgumentError, Option } from 'commander';
import { recordAudit } from '../store/audit.ts';
import { addStaffMember, listStaff, removeStaff, type StaffListing } from '../store/staff-admin.ts';
import { staffRoles, type StaffRole } from '../store/staff.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';

const roleOption = () => new Option('--role <role>', 'admin | committee | grid_worker | building_leader | property_manager | market_manager').choices(staffRoles);

/** `sandbox:李主任` → { platform, id }: the account the staff member writes to the bot from. */
function account(value: string, previous: { platform: string; id: string }[] = []): { platform: string; id: string }[] {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected PLATFORM:ID, e.g. telegram:123456789 or wechat:wxid_abc');
  return [...previous, { platform: value.slice(0, at), id: value.slice(at + 1) }];
}

function addCommand(): Command {
  return new Command('add')
    .description('give a person a staff role over a scope; the person is found by phone or account, else made')
    .requiredOption('--name <name>', 'the staff member\'s name')
    .option('--phone <phone>', 'their mobile number (or give --account)')
    .option('--account <platform:id>', 'a chat account of theirs, e.g. telegram:123456789 (repeatable)', account)
    .addOption(roleOption().makeOptionMandatory())
    .requiredOption('--scope <scope>', 'the community, site[/building[/unit]], or grid:NAME')
    .option('--community <name>', 'the community (needed only when several are loaded)')
    .action(async (options: { name: string; phone?: string; account?: { platform: string; id: string }[]; role: StaffRole; scope: string; community?: string }) => {
      await withStore(
        async ({ database, cipher }) => {
          await addStaffMember(database.db, cipher, options);
          process.stdout.write(`${options.name} is now ${options.role} of ${options.scope}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}

function removeCommand(): Command {
  return new Command('remove')
    .description('take staff roles away from a person: all of them, or those of one role and/or scope')
    .requiredOption('--person <name-or-phone>', 'the staff member, by name or mobile number')
    .addOption(roleOption())
    .option('--scope <scope>', 'only the role over this scope')
    .action(async (options: { person: string; role?: StaffRole; scope?: string }) => {
      await withStore(
        async ({ database, cipher }) => {
          await database.db.transaction(async (tx) => {
            const person = await findOnePerson(tx, cipher, options.person);
            const removed = await removeStaff(tx, person.id, { role: options.role, scope: options.scope });
            if (removed.length === 0) throw new Error(`${person.name ?? person.id} holds no such staff role`);
            await recordAudit(tx, { action: 'staff.remove', subjectPersonId: person.id, details: { staffIds: removed, role: options.role ?? null, scope: options.scope ?? null } });
            process.stdout.write(`${person.name ?? person.id}: ${removed.length} staff role${removed.length === 1 ? '' : 's'} removed\n`);
          });
        },
        { logLevel: 'warn' },
      );
    });
}

const listingLine = (staff: StaffListing) =>
  `${staff.name ?? `#${staff.personId}`}\t${staff.phone ?? '-'}\t${staff.role}\t${staff.scope}\t${staff.accounts.join(',') || '-'}`;

function listCommand(): Command {
  return new Command('list')
    .description('every staff member with role and scope; phones masked')
    .option('--json', 'one JSON array')
    .action(async (options: { json?: boolean }) => {
      await withStore(
        async ({ database, cipher }) => {
          const staff = await listStaff(database.db, cipher);
          if (options.json) process.stdout.write(`${JSON.stringify(staff)}\n`);
          else process.stdout.write(staff.length === 0 ? 'no staff yet\n' : `${staff.map(listingLine).join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}

export function staffCommand(): Command {
  return new Command('staff')
    .description('the committee\'s staff and what each may see')
    .addCommand(addCommand())
    .addCommand(removeCommand())
    .addCommand(listCommand());
}
