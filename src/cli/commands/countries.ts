import { CountryRegistry } from "../../reference/countries.js";
import { textTable } from "../format.js";

export async function countries(text: string, options: { json?: boolean; limit?: string }, log: (line: string) => void = console.log): Promise<void> {
  const limit = options.limit ? Number(options.limit) : 20;
  const found = CountryRegistry.load().find(text, limit);
  if (options.json) return log(JSON.stringify({ query: text, matches: found }, null, 2));
  if (found.length === 0) return log(`no country or aggregate matches "${text}"`);
  log(
    textTable(
      ["entity", "name", "kind", "iso2", "numeric", "valid", "successors / predecessors"],
      found.map((c) => [
        c.entity,
        c.name,
        c.kind,
        c.iso2 ?? "",
        c.isoNumeric ?? "",
        c.validFrom || c.validTo ? `${c.validFrom ?? "…"}–${c.validTo ?? "…"}` : "",
        [c.successors.length ? `→ ${c.successors.join(" ")}` : "", c.predecessors.length ? `← ${c.predecessors.join(" ")}` : ""].filter(Boolean).join("  "),
      ]),
    ),
  );
}
