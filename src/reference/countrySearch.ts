/**
 * Finding countries by what people type: codes in any scheme, names and aliases, prefixes and
 * near misses ("Rusia"). Built over the registry's entities (countries.ts) on the first search.
 * @module
 */
import { NotFoundError } from "../errors.js";
import type { EntityCode } from "../model.js";
import { KIND_RANK, normalizeName, type CountryEntity } from "./countries.js";

export class CountrySearch {
  /** `exactCodes` gives the entities whose code in some scheme is `text` (the registry's code index). */
  constructor(
    private readonly entities: ReadonlyMap<EntityCode, CountryEntity>,
    private readonly exactCodes: (text: string) => Set<EntityCode>,
  ) {}

  /** Entities whose code (alpha-2/3, ISO numeric, BACI, Comtrade) or name matches `text`, case-insensitive:
   * exact matches first, then names starting with it, then names containing it. Within one of those
   * tiers and kinds, a larger `prominence` (e.g. total trade in the loaded data) comes first, so
   * "korea" lists South Korea before North Korea; without it, names alphabetically. */
  find(text: string, limit = 20, prominence?: (entity: EntityCode) => number): CountryEntity[] {
    return this.rank(text, prominence)
      .slice(0, Math.max(0, limit))
      .map((r) => r.entity);
  }

  /** The names closest to `text` by edit distance ("Rusia" → Russia), for a search that found nothing. */
  suggest(text: string, limit = 5): CountryEntity[] {
    return this.closest(text, limit);
  }

  /** Search results in order: tier 0 exact (code or whole name), 1 a name or code starting with the text, 2 a name containing it. */
  private rank(text: string, prominence?: (entity: EntityCode) => number): Array<{ entity: CountryEntity; tier: number }> {
    const t = normalizeName(text);
    if (!t) return [];
    const exactCodes = this.exactCodes(text);
    const hits: Array<{ entity: CountryEntity; tier: number }> = [];
    for (const [e, keys] of this.nameKeys()) {
      let tier = exactCodes.has(e.entity) ? 0 : 9;
      for (const k of keys) {
        if (tier === 0) break;
        if (k === t) tier = 0;
        else if (k.startsWith(t)) tier = Math.min(tier, 1);
        else if (k.includes(t)) tier = Math.min(tier, 2);
      }
      if (tier > 1 && t.length >= 2 && e.entity.toLowerCase().startsWith(t)) tier = 1;
      if (tier < 9) hits.push({ entity: e, tier });
    }
    const weight = (e: CountryEntity) => prominence?.(e.entity) ?? 0;
    return hits.sort((a, b) => a.tier - b.tier || KIND_RANK[a.entity.kind] - KIND_RANK[b.entity.kind] || weight(b.entity) - weight(a.entity) || a.entity.name.localeCompare(b.entity.name));
  }

  /** Each entity's name and aliases as {@link normalizeName} keys, computed once: every API request looks its two countries up. */
  private nameKeys(): Map<CountryEntity, string[]> {
    this.nameKeysMemo ??= new Map([...this.entities.values()].map((e) => [e, [e.name, ...e.aliases].map(normalizeName)]));
    return this.nameKeysMemo;
  }

  private nameKeysMemo: Map<CountryEntity, string[]> | undefined;

  /** The entities each name key belongs to: an exact name is found without scanning every name. */
  private byNameKey(): Map<string, CountryEntity[]> {
    if (!this.byNameKeyMemo) {
      this.byNameKeyMemo = new Map();
      for (const [e, keys] of this.nameKeys()) {
        for (const k of keys) {
          const list = this.byNameKeyMemo.get(k);
          if (!list) this.byNameKeyMemo.set(k, [e]);
          else if (!list.includes(e)) list.push(e);
        }
      }
    }
    return this.byNameKeyMemo;
  }

  private byNameKeyMemo: Map<string, CountryEntity[]> | undefined;

  /** The one entity `text` names exactly (a code or a whole name), or undefined when none or several do: the tier-0 matches of {@link rank}, without ranking every name. */
  private onlyExact(text: string): CountryEntity | undefined {
    const t = normalizeName(text);
    if (!t) return undefined;
    const exact = new Set<EntityCode>(this.exactCodes(text));
    for (const e of this.byNameKey().get(t) ?? []) exact.add(e.entity);
    return exact.size === 1 ? this.entities.get([...exact][0]!) : undefined;
  }

  /** For CLI and API arguments: an exact code or name, or a name prefix only one country or former country has.
   * Throws NotFoundError listing up to five close matches otherwise. */
  lookup(text: string): CountryEntity {
    const only = this.onlyExact(text);
    if (only) return only;
    const ranked = this.rank(text);
    const exact = ranked.filter((r) => r.tier === 0).map((r) => r.entity);
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1) {
      const current = exact.filter((e) => e.kind === "country" && e.validTo === undefined);
      if (current.length === 1) return current[0]!;
      throw new NotFoundError(`"${text}" is ambiguous: it matches ${exact.slice(0, 5).map(describeShort).join(", ")}; give the entity code (e.g. ${exact[0]!.entity})`);
    }
    const prefix = ranked.filter((r) => r.tier === 1 && (r.entity.kind === "country" || r.entity.kind === "historical")).map((r) => r.entity);
    if (prefix.length === 1) return prefix[0]!;
    const suggestions = prefix.length > 1 ? prefix.slice(0, 5) : this.closest(text, 5);
    const hint = suggestions.length ? `; did you mean: ${suggestions.map(describeShort).join(", ")}` : "";
    throw new NotFoundError(`unknown country "${text}"${hint}. Try \`tradeties countries <text>\` to search codes and names`);
  }

  /** Entities whose names or codes are closest to `text` by edit distance. */
  private closest(text: string, n: number): CountryEntity[] {
    const t = normalizeName(text);
    const max = Math.max(2, Math.ceil(t.length / 3));
    const scored: Array<{ e: CountryEntity; d: number }> = [];
    for (const e of this.entities.values()) {
      if (e.kind === "subtotal" || e.kind === "footer") continue;
      let best = max + 1;
      for (const s of [e.entity, e.iso2 ?? "", e.name, ...e.aliases]) {
        if (!s) continue;
        const k = normalizeName(s);
        best = Math.min(best, levenshtein(t, k, max), levenshtein(t, k.slice(0, t.length), max) + 1);
        if (best === 0) break;
      }
      if (best <= max) scored.push({ e, d: best });
    }
    return scored
      .sort((a, b) => a.d - b.d || KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] || a.e.name.localeCompare(b.e.name))
      .slice(0, n)
      .map((s) => s.e);
  }
}

function describeShort(e: CountryEntity): string {
  return `${e.entity} ${e.name}`;
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
