import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseStartError, openDatabase, type Db } from './db/index.ts';
import { runningServerUrl } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { SeedRefusedError, seedDemo } from './demo/seed.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { hashPassword, passwordProblem } from './platform/auth/passwords.ts';
import { independenceProblem, isRole, ROLES, type Role } from './platform/access/roles.ts';
import { DEMO_PASSWORD } from './demo/organisation.ts';
import { CLOCKS, clockNamed, describeRule, dueDate, type ClockName } from './platform/clocks.ts';
import { isRealDate } from './platform/dates.ts';
import {
  annexA,
  CensusFileError,
  cinCensus,
  cinCensusExport,
  commandLinePartnership,
  importCensusFile,
  validateCensusFile,
  type CensusFailure,
} from './features/returns/service.ts';
import { refreshDataset } from './features/dataset/service.ts';
import { commandActor, yearlyReportPdf } from './features/yearly-report/service.ts';
import { NotFoundError } from './platform/errors.ts';
import fs from 'node:fs';

type Command = (db: Db, args: string[]) => Promise<number>;

const USAGE = `Usage: npm run together -- <command> [options]

  migrate                       apply database migrations
  seed                          seed the demo partnership into an empty database (not in production)
  create-user --email E --name N --agency "Agency name" --roles r1,r2 [--team "Team"]
                                create a user; the password is read from TOGETHER_NEW_PASSWORD
  deactivate-demo-users         deactivate every demo account (needed before production)
  verify-audit                  check the audit trail's hash chain; exit 1 at the first broken link
  database-url                  print the database's connection string (for pg_dump, pg_restore or
                                psql); the embedded database has one while Together runs
  clock <name> <YYYY-MM-DD>     print a statutory clock's due date (default local settings);
                                \`clock\` alone lists the clocks and their rules
  cin-census --year Y --out F [--allow-errors]
                                the CIN census for 1 April Y to 31 March Y+1 as DfE XML; with errors
                                it lists them and writes nothing (exit 1) unless --allow-errors
  validate-cin F                check a CIN census file against the DfE rules: one line a failure,
                                <rule code> TAB <child id> TAB <message>; exit 1 when any is an error
  import-cin F                  import a CIN census file from another system (validated, kept)
  annex-a --from D --to D --out F
                                Ofsted's Annex A lists 1-7 for the period as an xlsx workbook
  refresh-dataset --year YYYY   work out the partnership dataset for the year from 1 April YYYY
  yearly-report --year YYYY --out FILE.pdf [--as EMAIL]
                                write the yearly report for the year from 1 April YYYY as a PDF,
                                read as the user with EMAIL (default: the only business manager)
`;

/** One line a failure: rule code, child, message (a failure of the whole return names no child). */
function printFailures(failures: CensusFailure[], out: (line: string) => void): void {
  for (const f of failures) out(`${f.code}\t${f.childId}\t${f.message}`);
}

/** A real YYYY-MM-DD date, or undefined. */
function isoArg(v: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v ?? '');
  return m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? v : undefined;
}

/** Reads a census file named on the command line; a refusal names the line and the reason. */
function readCensusArg(file: string | undefined): string | number {
  if (!file) {
    console.error('Name the census file: validate-cin <file.xml>');
    return 2;
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    console.error(`Cannot read ${file}.`);
    return 2;
  }
}

/** Commands that need no database. */
const offline: Record<string, (args: string[]) => number> = {
  'validate-cin'([file]) {
    const xml = readCensusArg(file);
    if (typeof xml === 'number') return xml;
    try {
      const result = validateCensusFile(xml);
      printFailures(result.failures, console.log);
      console.error(
        `${result.census.children.length} children: ${result.errors} errors, ${result.queries} queries.`,
      );
      return result.errors > 0 ? 1 : 0;
    } catch (err) {
      if (!(err instanceof CensusFileError)) throw err;
      console.error(`Refused ${file}: line ${err.line}: ${err.reason}`);
      return 1;
    }
  },
  clock([name, start]) {
    if (!name) {
      for (const [n, c] of Object.entries(CLOCKS)) {
        console.log(`${n.padEnd(24)} ${describeRule(n as ClockName).padEnd(34)} starts: ${c.starts}`);
      }
      return 0;
    }
    const clock = clockNamed(name);
    if (!clock) {
      console.error(`Unknown clock "${name ?? ''}". Clocks: ${Object.keys(CLOCKS).join(', ')}`);
      return 2;
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start ?? '');
    if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      console.error(`"${start ?? ''}" is not a real date: give it as YYYY-MM-DD.`);
      return 2;
    }
    console.log(dueDate(clock, start!));
    return 0;
  },
};

const commands: Record<string, Command> = {
  async migrate(db) {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  },

  async seed(db) {
    const config = loadConfig();
    await migrate(db);
    const org = await seedDemo(db, { production: config.production, children: config.DEMO_CHILDREN });
    if (org) await db.exec('analyze'); // statistics for the planner, as after the seed at first start
    console.log(
      org ? 'Demo partnership seeded.' : 'The database already holds a partnership: nothing seeded.',
    );
    return 0;
  },

  async 'create-user'(db, argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        agency: { type: 'string' },
        roles: { type: 'string' },
        team: { type: 'string' },
      },
    });
    const password = process.env.TOGETHER_NEW_PASSWORD ?? '';
    const roles = (values.roles ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const problems: string[] = [];
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email))
      problems.push('--email: a valid email address');
    if (!values.name) problems.push('--name: the display name');
    if (!values.agency) problems.push('--agency: the agency name');
    if (roles.length === 0 || !roles.every(isRole))
      problems.push(`--roles: one or more of ${ROLES.join(', ')}`);
    else {
      const independence = independenceProblem([], roles as Role[]);
      if (independence) problems.push(`--roles: ${independence}`);
    }
    const pw = passwordProblem(password, [DEMO_PASSWORD]);
    if (pw) problems.push(`TOGETHER_NEW_PASSWORD: ${pw}`);
    if (problems.length) {
      console.error(`Cannot create the user:\n  ${problems.join('\n  ')}`);
      return 2;
    }
    const [agency] = await db.query<{ id: string; partnership_id: string }>(
      'select id, partnership_id from agency where name = $1',
      [values.agency],
    );
    if (!agency) {
      console.error(`No agency named "${values.agency}".`);
      return 2;
    }
    const [team] = values.team
      ? await db.query<{ id: string }>('select id from team where agency_id = $1 and name = $2', [
          agency.id,
          values.team,
        ])
      : [];
    if (values.team && !team) {
      console.error(`No team named "${values.team}" in ${values.agency}.`);
      return 2;
    }
    const [taken] = await db.query(
      'select 1 from app_user where partnership_id = $1 and lower(email) = lower($2)',
      [agency.partnership_id, values.email],
    );
    if (taken) {
      console.error(`A user with the email ${values.email} already exists.`);
      return 2;
    }
    const [row] = await db.query<{ id: string }>(
      `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, password_hash, password_changed_at)
       values ($1,$2,$3,$4,$5,$6,$7,now()) returning id`,
      [
        agency.partnership_id,
        agency.id,
        team?.id ?? null,
        values.email,
        values.name,
        roles,
        await hashPassword(password),
      ],
    );
    console.log(`Created user ${row?.id} (${values.email}).`);
    return 0;
  },

  async 'deactivate-demo-users'(db) {
    const rows = await db.query('update app_user set active = false where is_demo and active returning id');
    console.log(`Deactivated ${rows.length} demo accounts.`);
    return 0;
  },

  async 'cin-census'(db, argv) {
    const { values } = parseArgs({
      args: argv,
      options: { year: { type: 'string' }, out: { type: 'string' }, 'allow-errors': { type: 'boolean' } },
    });
    const year = Number(values.year);
    if (!/^\d{4}$/.test(values.year ?? '') || !values.out) {
      console.error('Give the census year and the file: cin-census --year 2025 --out census.xml');
      return 2;
    }
    const maker = await commandLinePartnership(db);
    if (!maker) return noPartnership();
    const result = await cinCensus(db, maker, year);
    printFailures(result.failures, console.error);
    console.error(
      `CIN census ${year}-${(year + 1) % 100}: ${result.census.children.length} children, ${result.errors} errors, ${result.queries} queries.`,
    );
    if (result.errors > 0 && !values['allow-errors']) {
      console.error('Nothing written: fix the errors in the records, or export with --allow-errors.');
      return 1;
    }
    fs.writeFileSync(values.out, await cinCensusExport(db, maker, result));
    console.log(`Wrote ${values.out}.`);
    return 0;
  },

  async 'import-cin'(db, [file]) {
    const xml = readCensusArg(file);
    if (typeof xml === 'number') return xml;
    const maker = await commandLinePartnership(db);
    if (!maker) return noPartnership();
    try {
      const result = await importCensusFile(db, maker, file!.split(/[\\/]/).pop()!, xml);
      printFailures(result.failures, console.log);
      console.error(
        `Imported ${result.census.children.length} children (${result.errors} errors, ${result.queries} queries): import ${result.importId}.`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof CensusFileError)) throw err;
      console.error(`Refused ${file}: line ${err.line}: ${err.reason}`);
      return 1;
    }
  },

  async 'annex-a'(db, argv) {
    const { values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    });
    const from = isoArg(values.from);
    const to = isoArg(values.to);
    if (!from || !to || !values.out || from > to) {
      console.error(
        'Give the period and the file: annex-a --from 2025-04-01 --to 2026-03-31 --out annex-a.xlsx',
      );
      return 2;
    }
    const maker = await commandLinePartnership(db);
    if (!maker) return noPartnership();
    fs.writeFileSync(values.out, await annexA(db, maker, from, to));
    console.log(`Wrote ${values.out}.`);
    return 0;
  },

  async 'verify-audit'(db) {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(
        `Audit trail intact: ${result.checked} events checked. Head hash ${result.head ?? '(empty)'}.`,
      );
      return 0;
    }
    console.error(
      `Audit trail BROKEN at event ${result.brokenAt?.seq}: ${result.brokenAt?.problem}. ${result.checked} events before it are intact.`,
    );
    return 1;
  },
};

function noPartnership(): number {
  console.error('The database holds no partnership, or more than one: nothing to return.');
  return 1;
}

// ---- The partnership dataset and the yearly report ----------------------------------------------
/** The year of `--year`: four digits, 2000 to 2099; else undefined. */
function yearArg(v: string | undefined): number | undefined {
  return v && /^20\d\d$/.test(v) ? Number(v) : undefined;
}

const yearlyReportCommands: Record<string, Command> = {
  async 'refresh-dataset'(db, argv) {
    const { values } = parseArgs({ args: argv, options: { year: { type: 'string' } } });
    const year = yearArg(values.year);
    if (year === undefined) {
      console.error(
        '--year: the year the partnership year starts in, 2000 to 2099 (2025 for 1 April 2025 to 31 March 2026)',
      );
      return 2;
    }
    const { partnerships, ms } = await refreshDataset(db, year);
    console.log(
      `Dataset for ${year} to ${year + 1} worked out for ${partnerships} partnership(s) in ${Math.round(ms)} ms.`,
    );
    return 0;
  },

  async 'yearly-report'(db, argv) {
    const { values } = parseArgs({
      args: argv,
      options: { year: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' } },
    });
    const year = yearArg(values.year);
    const problems: string[] = [];
    if (year === undefined)
      problems.push(
        '--year: the year the report starts in, 2000 to 2099 (2025 for 1 April 2025 to 31 March 2026)',
      );
    if (!values.out || !values.out.toLowerCase().endsWith('.pdf'))
      problems.push('--out: the PDF file to write, FILE.pdf');
    if (problems.length) {
      console.error(`Cannot write the yearly report:\n  ${problems.join('\n  ')}`);
      return 2;
    }
    const actor = await commandActor(db, values.as);
    if (typeof actor === 'string') {
      console.error(actor);
      return 2;
    }
    try {
      const pdf = await yearlyReportPdf(db, actor, year!);
      try {
        fs.writeFileSync(values.out!, pdf);
      } catch (err) {
        console.error(`Cannot write ${values.out}: ${(err as Error).message}`);
        return 1;
      }
      console.log(
        `Wrote ${values.out} (${pdf.length} bytes): the yearly report for 1 April ${year} to 31 March ${year! + 1}, read as ${actor.email}.`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      console.error(
        `There is no yearly report for 1 April ${year} to 31 March ${year! + 1}: the business manager starts it at /partnership/yearly-reports.`,
      );
      return 1;
    }
  },
};
Object.assign(commands, yearlyReportCommands);
// ---- end of the dataset and the yearly report -----------------------------------------------------

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const quick = name ? offline[name] : undefined;
  if (quick) return quick(rest);
  if (name === 'database-url') return databaseUrl();
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  const config = loadConfig();
  // With the embedded database: the running app's server, or one started for this command.
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.TOGETHER_DATA_DIR,
    role: 'cli',
  });
  const interrupted = () => void db.close().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await command(db, rest);
  } finally {
    await db.close();
  }
}

/**
 * Prints the database's connection string (for pg_dump, pg_restore or psql). The embedded server's
 * port changes at every start, so it is the running app's; with Together stopped there is none.
 */
async function databaseUrl(): Promise<number> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    console.log(config.DATABASE_URL);
    return 0;
  }
  const url = runningServerUrl(config.TOGETHER_DATA_DIR);
  if (!url) {
    console.error(
      `Together is not running on ${config.TOGETHER_DATA_DIR}, and its database has an address only while it runs: start it (npm start), then ask again.`,
    );
    return 1;
  }
  console.log(url);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const expected =
      err instanceof ConfigError || err instanceof DatabaseStartError || err instanceof SeedRefusedError;
    if ((err as { code?: string }).code === '42P01') {
      console.error(
        'The database has no Together tables yet: run npm run together -- migrate (or start Together once).',
      );
    } else console.error(expected ? (err as Error).message : err);
    process.exit(1);
  },
);
