import { Command, CommanderError } from 'commander';
import { errorMessage } from '../errors.ts';

/**
 * The commands, listed here and loaded only when run: a command's module brings in what it needs
 * (the store, the queue, a chat platform, the chart renderer), and `linli --help` or one command
 * should not pay for all the others.
 */
interface CommandEntry {
  name: string;
  /** How the command is shown in the list: its arguments and whether it takes options. */
  term: string;
  description: string;
  load: () => Promise<Command>;
}

const commands: CommandEntry[] = [
  {
    name: 'start',
    term: 'start [options]',
    description: 'run Linli: the workers, the configured chat platforms, and the sandbox chat in this terminal',
    load: async () => (await import('./start.ts')).startCommand(),
  },
  {
    name: 'sim',
    term: 'sim [options]',
    description: "send each line of standard input as a chat message in the sandbox and print the bot's replies",
    load: async () => (await import('./sim.ts')).simCommand(),
  },
  {
    name: 'migrate',
    term: 'migrate',
    description: 'apply the database migrations that are not applied yet (start-up does this too)',
    load: async () => (await import('./migrate.ts')).migrateCommand(),
  },
  {
    name: 'setup',
    term: 'setup <file>',
    description: "load a community's places, grids, chats and staff from a YAML or JSON file (safe to run again)",
    load: async () => (await import('./setup.ts')).setupCommand(),
  },
  {
    name: 'demo',
    term: 'demo',
    description:
      'load the demo community (幸福社区: a compound, an urban village, a market, a grid, five sandbox groups and one committee member) into the store',
    load: async () => (await import('./demo.ts')).demoCommand(),
  },
  {
    name: 'bind-code',
    term: 'bind-code [options]',
    description: 'make a bind code: posted in a group (/bind CODE or 绑定 CODE) by staff, it binds the group to a place',
    load: async () => (await import('./bind-code.ts')).bindCodeCommand(),
  },
  {
    name: 'chats',
    term: 'chats [options]',
    description: 'list the chats Linli is in, with the place each is bound to and since when',
    load: async () => (await import('./chats.ts')).chatsCommand(),
  },
  {
    name: 'residents',
    term: 'residents',
    description: 'the registered residents',
    load: async () => (await import('./residents.ts')).residentsCommand(),
  },
  {
    name: 'persons',
    term: 'persons',
    description: 'the people Linli knows',
    load: async () => (await import('./persons.ts')).personsCommand(),
  },
  {
    name: 'roster',
    term: 'roster',
    description: 'tenant and staff lists (rosters) as landlords and shop owners send them',
    load: async () => (await import('./roster.ts')).rosterCommand(),
  },
  {
    name: 'campaign',
    term: 'campaign',
    description: 'campaigns: drives with their own form, scope, dates and retention: start, status, list, end, extend, pause',
    load: async () => (await import('./campaign.ts')).campaignCommand(),
  },
  {
    name: 'observation',
    term: 'observation',
    description: 'observation of people who arrived from outside',
    load: async () => (await import('./observation.ts')).observationCommand(),
  },
  {
    name: 'digest',
    term: 'digest [options]',
    description: "print the staff digest of a day: every staff member's, each over their own scope, or the one given",
    load: async () => (await import('./digest.ts')).digestCommand(),
  },
  {
    name: 'doctor',
    term: 'doctor [options]',
    description: 'say what is configured (database, queue, channels, model) and check that each answers',
    load: async () => (await import('./doctor.ts')).doctorCommand(),
  },
  {
    name: 'staff',
    term: 'staff',
    description: "the committee's staff and what each may see",
    load: async () => (await import('./staff.ts')).staffCommand(),
  },
  {
    name: 'audit',
    term: 'audit [options]',
    description: 'every read of unmasked data, export, find and change by staff, oldest first',
    load: async () => (await import('./audit.ts')).auditCommand(),
  },
  {
    name: 'keys',
    term: 'keys',
    description: 'the keys for personal data: add a new one, rotate the stored data onto it, see where a rotation stands',
    load: async () => (await import('./keys.ts')).keysCommand(),
  },
  {
    name: 'notice',
    term: 'notice',
    description: 'official notices: send to every group in scope, see who acknowledged, cancel or recall',
    load: async () => (await import('./notice.ts')).noticeCommand(),
  },
  {
    name: 'find',
    term: 'find [options] [query]',
    description: 'find a person from partial, misspelt details, within the registry and registrations',
    load: async () => (await import('./find.ts')).findCommand(),
  },
];

/** The command a command line runs (`linli help sim` asks for sim's help), if it names one. */
function commandNamed(args: readonly string[]): CommandEntry | undefined {
  const [first, second] = args;
  const name = first === 'help' ? second : first;
  return commands.find((entry) => entry.name === name);
}

const program = new Command('linli')
  .description("邻里 Linli: the community committee's chat bot for registration, rental rosters, notices and digests")
  .showHelpAfterError('(add --help for the options)')
  .configureHelp({ subcommandTerm: (command) => commands.find((entry) => entry.name === command.name())?.term ?? command.name() });

try {
  const wanted = commandNamed(process.argv.slice(2));
  for (const entry of commands) {
    // Only the command that runs is loaded; the others are listed by name and description.
    const command = entry === wanted ? await entry.load() : new Command(entry.name);
    program.addCommand(command.description(entry.description));
  }
  await program.parseAsync(process.argv);
} catch (error) {
  // Loaded only on failure: a wrong setting or setup file is told apart from other errors.
  const [{ ConfigError }, { SetupFileError }] = await Promise.all([import('../config.ts'), import('../store/setup-problems.ts')]);
  if (error instanceof ConfigError || error instanceof SetupFileError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (!(error instanceof CommanderError)) {
    process.stderr.write(`linli: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
