/**
 * The parsed milestone catalogue kept between runs. Parsing the datasets (~10 MB of CSV) costs a
 * few hundred milliseconds at every start of the CLI; reading back what a previous run parsed
 * costs a tenth of that. The snapshot is named by a hash of everything the parse depends on —
 * each dataset file's path, size and modification time, the project's own reference files, and
 * the text of the code that parses them — so a new download, an edited override or a new version
 * of tradeties parses afresh; nothing is ever read from a snapshot of other inputs.
 *
 * Where: `TRADETIES_CACHE` (a folder; "off" keeps nothing), else `$XDG_CACHE_HOME/tradeties`,
 * else `~/.cache/tradeties`. The snapshot only saves time: when the folder cannot be written the
 * run parses as before and says nothing, because nothing the user asked for is affected.
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { dataRoot } from "../dataFolder.js";
import type { CatalogueState } from "./catalogue.js";
import { codeFolder, packageFile } from "../packagePaths.js";

/** Bumped when the snapshot's layout changes (the code hash covers the parse itself). */
const SNAPSHOT_FORMAT = 2;

export function cacheFolder(): string | undefined {
  const set = process.env.TRADETIES_CACHE;
  if (set === "off") return undefined;
  if (set) return set;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "tradeties");
}

/** The state from a snapshot of exactly these inputs, else `parse()` (kept as a snapshot for the next run). */
export function loadCatalogueState(parse: () => CatalogueState): CatalogueState {
  const folder = cacheFolder();
  const key = folder ? inputsKey() : undefined;
  if (!folder || !key) return parse();
  const file = join(folder, `milestones-${key}.json`);
  const kept = readSnapshot(file);
  if (kept) return kept;
  const state = parse();
  writeSnapshot(file, state);
  return state;
}

/** A hash of every input of the parse; undefined when one cannot be read (then there is no snapshot, and the parse reports the problem). */
export function inputsKey(): string | undefined {
  const hash = createHash("sha256").update(`format ${SNAPSHOT_FORMAT}\n`);
  try {
    const codeFolders = [codeFolder("milestones"), codeFolder("reference")];
    for (const folder of codeFolders) for (const name of readdirSync(folder).sort()) if (/\.(js|ts)$/.test(name) && !/\.test\./.test(name)) hash.update(name).update(readFileSync(join(folder, name)));
    const projectReference = packageFile("data/reference/");
    const root = dataRoot();
    // The country registry's files too: they decide which entity a dataset's country code becomes.
    const inputs = [...filesBelow(projectReference), ...filesBelow(join(root, "milestones")), ...filesBelow(join(root, "country-codes")), join(root, "baci", "country_codes_V202201.csv")];
    for (const file of inputs) {
      const s = statSync(file);
      hash.update(`${file}\t${s.size}\t${s.mtimeMs}\n`);
    }
  } catch {
    return undefined;
  }
  return hash.digest("hex").slice(0, 24);
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

type DestaTreaty = CatalogueState["desta"] extends Map<string, Array<infer T>> ? T : never;
/** A dyad's entry: its treaty (an index into `destaTreaties`), its two entities, its row in DESTA's dyadic list. */
type DestaOfDyad = [treaty: number, entities: DestaTreaty["entities"], row: DestaTreaty["provenance"]["row"]];

interface SnapshotFile {
  format: number;
  agreements: CatalogueState["agreements"];
  blocMembers: Array<[string, CatalogueState["blocMembers"] extends Map<string, infer V> ? V : never]>;
  /**
   * DESTA by dyad as indexes into `destaTreaties`: a multilateral treaty is listed under every pair
   * of its members, and written out each time it was 6.5 of the snapshot's 7.8 MB (~50 ms of every
   * command to read and parse).
   */
  desta: Array<[string, DestaOfDyad[]]>;
  destaTreaties: DestaTreaty[];
  events: Array<[string, CatalogueState["events"] extends Map<string, infer V> ? V : never]>;
  sanctions: CatalogueState["sanctions"];
  stats: CatalogueState["stats"];
  absorbed: string[];
}

function readSnapshot(file: string): CatalogueState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const s = JSON.parse(text) as SnapshotFile;
    if (s.format !== SNAPSHOT_FORMAT) return undefined;
    // Spreads keep the treaty's key order, so a profile's JSON is the same from a snapshot as from a parse.
    const desta = new Map(
      s.desta.map(([dyad, list]) => [dyad, list.map(([i, entities, row]) => { const core = s.destaTreaties[i]!; return { ...core, entities, provenance: { ...core.provenance, row } }; })] as const),
    );
    return { agreements: s.agreements, blocMembers: new Map(s.blocMembers), desta, events: new Map(s.events), sanctions: s.sanctions, stats: s.stats, absorbed: new Set(s.absorbed) };
  } catch {
    // A torn or foreign file under our name: parse afresh and write it again.
    return undefined;
  }
}

function writeSnapshot(file: string, state: CatalogueState): void {
  // A treaty's fields once; each dyad keeps only what is its own (its two entities, its row).
  const index = new Map<string, number>();
  const destaTreaties: DestaTreaty[] = [];
  const desta = [...state.desta].map(([dyad, list]) => [
    dyad,
    list.map((t): DestaOfDyad => {
      const core = { ...t, entities: ["", ""] as [string, string], provenance: { ...t.provenance, row: 0 } };
      const key = JSON.stringify(core);
      let i = index.get(key);
      if (i === undefined) {
        i = destaTreaties.push(core) - 1;
        index.set(key, i);
      }
      return [i, t.entities, t.provenance.row];
    }),
  ] as [string, DestaOfDyad[]]);
  const body: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    agreements: state.agreements,
    blocMembers: [...state.blocMembers],
    desta,
    destaTreaties,
    events: [...state.events],
    sanctions: state.sanctions,
    stats: state.stats,
    absorbed: [...state.absorbed],
  };
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written beside and renamed: a reader never sees half a snapshot.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(body));
    renameSync(partial, file);
  } catch {
    // A read-only home or a full disk: the next run parses again, which is all this costs.
    return;
  }
  // Snapshots of other inputs (an older tradeties, an older download) are never read again: 7.8 MB
  // each, they filled the cache folder with every upgrade. A partial file another process is writing
  // right now is left alone.
  for (const name of readdirSync(dirname(file))) {
    if (/^milestones-[0-9a-f]+\.json$/.test(name) && join(dirname(file), name) !== file) rmSync(join(dirname(file), name), { force: true });
  }
}
