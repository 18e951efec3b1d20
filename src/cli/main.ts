import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { SetupFileError } from '../store/setup-file.ts';
import { auditCommand } from './audit.ts';
import { bindCodeCommand } from './bind-code.ts';
import { campaignCommand } from './campaign.ts';
import { chatsCommand } from './chats.ts';
import { demoCommand } from './demo.ts';
import { digestCommand } from './digest.ts';
import { doctorCommand } from './doctor.ts';
import { findCommand } from './find.ts';
import { migrateCommand } from './migrate.ts';
import { noticeCommand } from './notice.ts';
import { observationCommand } from './observation.ts';
import { personsCommand } from './persons.ts';
import { residentsCommand } from './residents.ts';
import { rosterCommand } from './roster.ts';
import { setupCommand } from './setup.ts';
import { simCommand } from './sim.ts';
import { staffCommand } from './staff.ts';
import { startCommand } from './start.ts';
import { errorMessage } from '../errors.ts';

const program = new Command('linli')
  .description('邻里 Linli: the community committee\'s chat bot for registration, rental rosters, notices and digests')
  .showHelpAfterError('(add --help for the options)')
  .addCommand(startCommand())
  .addCommand(simCommand())
  .addCommand(migrateCommand())
  .addCommand(setupCommand())
  .addCommand(demoCommand())
  .addCommand(bindCodeCommand())
  .addCommand(chatsCommand())
  .addCommand(residentsCommand())
  .addCommand(personsCommand())
  .addCommand(rosterCommand())
  .addCommand(campaignCommand())
  .addCommand(observationCommand())
  .addCommand(digestCommand())
  .addCommand(doctorCommand())
  .addCommand(staffCommand())
  .addCommand(auditCommand())
  .addCommand(noticeCommand())
  .addCommand(findCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof SetupFileError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (!(error instanceof CommanderError)) {
    process.stderr.write(`linli: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
