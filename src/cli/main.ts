/**
 * The command registry. Each command lives in `commands/<name>.ts` and is imported lazily;
 * commands throw, only `main` sets the exit code.
 * @module
 */
import { Command, CommanderError } from "commander";
import { environmentErrorFrom } from "../environmentErrors.js";
import { TradetiesError } from "../errors.js";

export function buildProgram(): Command {
  const program = new Command("tradeties")
    .description("Assess the economic relationship between two countries from official trade statistics — offline, reproducible, every figure sourced.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Examples:
  $ tradeties demo                                  load the bundled sample and write the Korea–Russia report
  $ tradeties ingest ../shared/data/trade/imf-dots-world/DOTS_106.xlsx
  $ tradeties pair KOR RUS --from 1991 --to 2020
  $ tradeties countries korea

The store is ./tradeties.duckdb unless --store PATH or TRADETIES_STORE says otherwise.`,
    );

  program
    .command("ingest")
    .description("load data files (IMF DOTS, CEPII BACI, UN Comtrade, KTO arrivals, bilateral series, prices, published figures) into the store")
    .argument("<files...>", "files, or folders whose recognised files are all loaded")
    .option("--store <path>", "store file (default ./tradeties.duckdb or $TRADETIES_STORE)")
    .option("--format <name>", "adapter to use instead of detecting it from the file")
    .option("--all-rejects", "list every rejected row, not only the first 10")
    .option("--json", "print the ingest reports as JSON")
    .option("--allow-shrink", "accept a new vintage that stores far fewer rows or years than the one it replaces")
    .addHelpText("after", "\nEach file is one transaction: a file that fails leaves the store as it was. Loading the same file twice changes nothing.\n\n  $ tradeties ingest ../shared/data/trade/imf-dots-world/ ../shared/data/oil/brent-year.csv")
    .action(async (files: string[], opts) => {
      const command = await import("./commands/ingest.js");
      process.exitCode = command.ingestExitCode(await command.ingest(files, opts));
    });

  program
    .command("sources")
    .description("list the loaded files: dataset, vintage, side that reported, rows read/stored/rejected/skipped")
    .option("--store <path>", "store file")
    .option("--json", "JSON output")
    .option("--history", "every vintage of every dataset, grouped, with the one queries use and how to undo")
    .addHelpText("after", "\n  $ tradeties sources --json\n  $ tradeties sources --history")
    .action(async (opts) => (await import("./commands/sources.js")).sources(opts));

  program
    .command("drop-source")
    .description("delete one loaded file and everything it stored (one transaction); the previous vintage of its dataset is used again")
    .argument("<sha256>", "the source id 'tradeties sources' prints (a unique prefix of at least 6 characters)")
    .option("--store <path>", "store file")
    .addHelpText("after", "\n  $ tradeties drop-source 9aabba7a061c")
    .action(async (id: string, opts) => (await import("./commands/sources.js")).dropSource(id, opts));

  program
    .command("restore-vintage")
    .description("return a dataset to its previous vintage: the current one is withdrawn (kept, listed, unused) in one transaction")
    .argument("<dataset>", "dataset key as 'sources --history' shows it (e.g. \"imf-dots:Korea, Rep. of\"), or the sha256 of its current file")
    .option("--store <path>", "store file")
    .addHelpText("after", "\n  $ tradeties restore-vintage \"imf-dots:Korea, Rep. of\"")
    .action(async (key: string, opts) => (await import("./commands/sources.js")).restoreVintage(key, opts));

  program
    .command("countries")
    .description("find a country, historical entity or aggregate by any code (ISO alpha-2/3, numeric, BACI, Comtrade) or name")
    .argument("<text>", "code or name, e.g. KOR, 410, 810, \"Korea, Rep. of\", russia")
    .option("--limit <n>", "most matches to show", "20")
    .option("--json", "JSON output")
    .addHelpText("after", "\n  $ tradeties countries ussr")
    .action(async (text: string, opts) => (await import("./commands/countries.js")).countries(text, opts));

  program
    .command("pair")
    .description("trade between A and B year by year: A's reports, B's mirror reports, sources and precedence")
    .argument("<a>", "reporter, e.g. KOR")
    .argument("<b>", "partner, e.g. RUS (USSR years included and labelled)")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--store <path>", "store file")
    .option("--json", "JSON output")
    .addHelpText("after", "\n  $ tradeties pair KOR RUS --from 1991 --to 2020\n  $ tradeties pair CHN DEU --json")
    .action(async (a: string, b: string, opts) => (await import("./commands/pair.js")).pair(a, b, opts));

  program
    .command("profile")
    .description("every indicator the loaded data supports for A and B: growth, balance streaks, volatility vs other partners, shocks, price link, supplier shares, people flows, composition")
    .argument("<a>", "reporter, e.g. KOR")
    .argument("<b>", "partner, e.g. RUS")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--reference-year <year>", "year the headline comparisons end in (default: last year with data)")
    .option("--store <path>", "store file")
    .option("--json", "the full profile as JSON (fields documented in the README)")
    .addHelpText("after", "\n  $ tradeties profile KOR RUS --reference-year 2019\n  $ tradeties profile KOR RUS --json > kor-rus.json")
    .action(async (a: string, b: string, opts) => (await import("./commands/profile.js")).profile(a, b, opts));

  program
    .command("report")
    .description("write the assessment of A's relationship with B (Markdown, HTML, PDF or JSON), or with every partner of A")
    .argument("<a>", "reporter, e.g. KOR")
    .argument("[b]", "partner, e.g. RUS; omit with --partners for a batch")
    .option("--format <format>", "md, html, pdf or json", "md")
    .option("--out <path>", "output file (a folder with --partners)")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--reference-year <year>", "year the headline comparisons end in")
    .option("--context <file>", "YAML or JSON with milestones and a prospects text (shown as the user's text)")
    .option("--generated-at <iso>", "print this timestamp in the report (omitted by default so output is reproducible)")
    .option("--partners <which>", "batch: all or top:N partners of A, with an index page")
    .option("--store <path>", "store file")
    .addHelpText("after", "\n  $ tradeties report KOR RUS --format html --out kor-rus.html\n  $ tradeties report KOR RUS --format pdf --context data/context/kor-rus.yaml\n  $ tradeties report KOR --partners top:20 --out briefs/ --format html")
    .action(async (a: string, b: string | undefined, opts) => (await import("./commands/report.js")).report(a, b, opts));

  program
    .command("serve")
    .description("HTTP API and web dashboard over the store (read-only); ingest stays a CLI job")
    .option("--port <n>", "port", "8080")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--store <path>", "store file")
    .option("--cors-origin <origin>", "allow this origin (CORS is off by default)")
    .addHelpText("after", "\nThe server holds the store read-only, and DuckDB lets no process write while it does. To load new data: stop the server, ingest, start again — or copy the store, ingest into the copy, move it over the original and send SIGHUP (the server reopens the store). See docs/api.md.\n\n  $ tradeties serve --port 8080\n  $ open 'http://127.0.0.1:8080/?a=KOR&b=RUS'")
    .action(async (opts) => (await import("./commands/serve.js")).serve(opts));

  program
    .command("demo")
    .description("the main job: build ./tradeties.duckdb from every IMF DOTS reporter and the Korea–Russia sample in the data folder (TRADETIES_DATA, default ../shared/data), then write the Korea–Russia assessment to out/")
    .option("--store <path>", "store file")
    .option("--out <dir>", "output folder", "out")
    .addHelpText("after", "\n  $ tradeties demo --out /tmp/report")
    .action(async (opts) => (await import("./commands/demo.js")).demo(opts));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `tradeties pair KOR RUS | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return;
  } catch (error) {
    process.exitCode = reportError(error);
  }
  // A failed command ends here: a damaged store can leave the engine's threads waiting on work
  // that will never finish, and the user must get their prompt back with the exit code.
  await flush(process.stdout);
  await flush(process.stderr);
  process.exit(process.exitCode);
}

/** Prints what went wrong for a person and returns the exit code (README, "Exit codes"). */
export function reportError(error: unknown, print: (line: string) => void = (line) => console.error(line)): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const known = error instanceof TradetiesError ? error : environmentErrorFrom(error);
  if (known) {
    print(`tradeties: ${known.describe()}`);
    return known.exitCode;
  }
  print(`tradeties: internal error: ${(error as Error)?.stack ?? error}\nThis is a bug in tradeties; please report it with the command you ran.`);
  return 70;
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => (stream.writableLength === 0 ? resolve() : stream.write("", () => resolve())));
}
