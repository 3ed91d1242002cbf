/**
 * SYNTHETIC CEPII-BACI-layout files (`t,i,j,k,v,q`) for tests and benchmarks. Nothing written here
 * is real trade data: file names start with `SYNTHETIC_`, a `README_SYNTHETIC.txt` is written next to
 * them, and the caller chooses the directory (benchmarks use `bench/data/`, which git ignores).
 *
 * Shape, chosen so that queries and compression behave roughly as on real BACI:
 * - country "size" is log-normal (σ = 2 in log space, ≈ the spread of GDPs);
 * - pair intensity is gravity-like: size_i × size_j / distance × log-normal noise, with countries
 *   placed at seeded random points on a unit square;
 * - products per pair ∝ intensity^0.5, so most pairs trade a few products and big pairs thousands;
 *   products are drawn by Zipf-like popularity;
 * - a row's value is log-normal around its pair's scale; a pair's level follows a random walk with
 *   ≈ 5 %/yr drift, a (pair, product) keeps a persistent base level and yearly noise, and about
 *   `productChurnPerYear` of a pair's products are replaced each year, so series look like series;
 * - quantity ≈ value / a per-product unit value × noise, sometimes `NA`, quoted and space-padded to
 *   13 characters like the real 2021 sample; `v` has 3 decimals and is never 0.000.
 *
 * Determinism: one seed → the same bytes. All randomness comes from xoshiro128** streams seeded by
 * splitmix32 and from 32-bit integer hashes (Math.imul); the only floating-point library calls are
 * Math.log/exp/sqrt/cos/pow, which V8 implements itself (fdlibm port), so output is byte-identical
 * across runs and machines under Node. Another JS engine could differ in a last ulp.
 * @module
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { dataFile } from "../dataFolder.js";

export interface SyntheticBaciOptions {
  /** Directory to write into (created if missing). Must be outside the tracked tree (e.g. bench/data/ or a temp dir). */
  dir: string;
  /** Inclusive year range [from, to]; one file per year. */
  years: readonly [number, number];
  /** Valid rows in each year's file (exact); malformed rows come on top. */
  rowsPerYear: number;
  /** How many countries (a seeded subset of the current BACI codes), or explicit BACI codes; defaults to 200. */
  countries?: number | readonly string[];
  /** How many HS6 products (a seeded subset of product_codes.csv); defaults to 5000. */
  products?: number;
  /** Any integer; the same seed gives the same bytes. */
  seed: number;
  /** Malformed rows to add, spread over the years, kinds in rotation (see {@link MalformedCounts}); defaults to 0. */
  malformedRows?: number;
  /** Fraction of a pair's products replaced from one year to the next, in [0, 1]; defaults to 0.05. */
  productChurnPerYear?: number;
  /** Fraction of rows whose quantity is `NA`, in [0, 1]; defaults to 0.03 (the real 2021 sample has 3.2 %). */
  quantityNaShare?: number;
  /** Where country_codes_V202201.csv and product_codes.csv are; defaults to `baci/` in the data folder. */
  referenceDir?: string;
}

/** Exactly how many malformed rows of each kind were written; a store must reject exactly `total`. */
export interface MalformedCounts {
  /** Exporter or importer code 999, which no BACI list has. */
  unknownCode: number;
  /** `v` below zero. */
  negativeValue: number;
  /** `v` that is not a number ("twelve", "1.2.3", "x"). */
  textValue: number;
  /** The (t,i,j,k) key of the valid row just before it, with another value: the later line is the duplicate. */
  duplicateKey: number;
  /** `k` that is not a 4–6 digit code ("1234567", "01A1X0", "12"). */
  badHsCode: number;
  total: number;
}

export interface SyntheticBaciFile {
  path: string;
  year: number;
  validRows: number;
  malformedRows: number;
  bytes: number;
}

export interface SyntheticBaciResult {
  files: SyntheticBaciFile[];
  countryCodesPath: string;
  productCodesPath: string;
  readmePath: string;
  /** BACI codes used, as written in `i`/`j` (no leading zeros). */
  countryCodes: string[];
  validRows: number;
  rowsWritten: number;
  bytesWritten: number;
  malformed: MalformedCounts;
}

/** Codes that no longer exist or are groupings; their successors are in the list, so using both would double-count. */
const HISTORICAL_BACI_CODES = new Set(["58", "200", "278", "280", "530", "711", "736", "810", "866", "891", "720", "886", "230", "590"]);
const MALFORMED_KINDS = ["unknownCode", "negativeValue", "textValue", "duplicateKey", "badHsCode"] as const;
const TEXT_VALUES = ["twelve", "1.2.3", "x"];
const BAD_HS = ["1234567", "01A1X0", "12"];
/** Width of the quoted, space-padded `q` field in the real sample (`"       13.235"`). */
const Q_WIDTH = 13;
/** Log-space spreads; see the module comment. */
const SIZE_SIGMA = 2.0;
const PAIR_NOISE_SIGMA = 0.5;
const PRODUCTS_EXPONENT = 0.5;
const PRODUCT_LEVEL_SIGMA = 1.0;
const ROW_BASE_SIGMA = 1.5;
const ROW_YEAR_SIGMA = 0.35;
const QUANTITY_SIGMA = 0.5;
const PAIR_DRIFT = 0.05;
const PAIR_STEP_SIGMA = 0.12;
const WORLD_STEP_SIGMA = 0.06;
/** Geometric-mean row value in thousand USD before noise (real BACI rows are mostly small). */
const TYPICAL_ROW_VALUE_KUSD = 15;

// ---------------------------------------------------------------------------------------------
// Randomness

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

/** xoshiro128** (Blackman & Vigna): small, fast, and the same sequence everywhere. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  /** `stream` separates independent sequences drawn from one seed (setup, years, malformed rows). */
  constructor(seed: number, stream = 0) {
    let s = Math.imul(seed | 0, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1) ^ Math.floor(seed / 4294967296);
    const out: number[] = [];
    for (let n = 0; n < 4; n++) {
      const [next, z] = splitmix32(s);
      s = next;
      out.push(z);
    }
    [this.a, this.b, this.c, this.d] = out as [number, number, number, number];
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  nextUint32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1), safe for log. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, the spare cached). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.nextOpen()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** murmur3's 32-bit finaliser: the per-row randomness is a hash of (pair, product, year), so it needs no state. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** exp(sigma × z) for z at the 65,536 normal quantiles: a row's log-normal factor is one table lookup, no Math.exp per row. */
function lognormalTable(sigma: number): Float64Array {
  const t = new Float64Array(65536);
  for (let n = 0; n < 65536; n++) t[n] = Math.exp(sigma * inverseNormal((n + 0.5) / 65536));
  return t;
}

// ---------------------------------------------------------------------------------------------
// Reference lists

interface CountryRow {
  code: string;
  line: string;
  iso3: string;
}

/** Splits one CSV line, honouring quotes and "" escapes (the BACI lists quote names with commas). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let n = 0; n < line.length; n++) {
    const ch = line[n]!;
    if (quoted) {
      if (ch === '"') {
        if (line[n + 1] === '"') {
          field += '"';
          n++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

export function defaultReferenceDir(): string {
  return dirname(dataFile("baci/product_codes.csv"));
}

/**
 * Current BACI countries from country_codes_V202201.csv (Latin-1: "Côte d'Ivoire" is byte 0xF4).
 * Drops historical codes and groupings (810 USSR, 200 Czechoslovakia, 891 Serbia and Montenegro, 58
 * Belgium-Luxembourg, …), codes without an ISO3 ("Other Asia, nes" = N/A) and a second code for an
 * ISO3 already taken: each left maps to one present-day country, so no two codes collide downstream.
 */
export async function readCurrentBaciCountries(referenceDir = defaultReferenceDir()): Promise<CountryRow[]> {
  const text = (await readFile(join(referenceDir, "country_codes_V202201.csv"))).toString("latin1");
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const seenIso3 = new Set<string>();
  const out: CountryRow[] = [];
  for (const line of lines.slice(1)) {
    const f = splitCsvLine(line);
    const code = String(Number(f[0]));
    const iso3 = (f[4] ?? "").trim();
    if (!/^[0-9]+$/.test(code) || HISTORICAL_BACI_CODES.has(code)) continue;
    if (!/^[A-Z]{3}$/.test(iso3) || seenIso3.has(iso3)) continue;
    seenIso3.add(iso3);
    out.push({ code, line, iso3 });
  }
  return out;
}

async function readProducts(referenceDir: string): Promise<{ code: string; description: string }[]> {
  const text = (await readFile(join(referenceDir, "product_codes.csv"))).toString("utf8");
  const out: { code: string; description: string }[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (line.trim() === "") continue;
    const f = splitCsvLine(line);
    if (/^[0-9]{6}$/.test(f[0] ?? "")) out.push({ code: f[0]!, description: f[1] ?? "" });
  }
  return out;
}

/** Seeded choice of `count` items, returned in their original order (code order). */
function choose<T>(items: readonly T[], count: number, rng: Xoshiro128): T[] {
  const idx = items.map((_, n) => n);
  for (let n = idx.length - 1; n > 0; n--) {
    const m = rng.int(n + 1);
    [idx[n], idx[m]] = [idx[m]!, idx[n]!];
  }
  return idx
    .slice(0, count)
    .sort((x, y) => x - y)
    .map((n) => items[n]!);
}

// ---------------------------------------------------------------------------------------------
// Model

interface Model {
  /** Ordered pairs that trade at all: exporter/importer index into `countryCodes`. */
  pairExporter: Uint16Array;
  pairImporter: Uint16Array;
  /** Products a pair trades each year (constant: rows per year are exact). */
  pairProducts: Uint32Array;
  /** Each pair's candidate products (indices into product list) start here in `candidates`. */
  pairOffset: Float64Array;
  /** How far a pair's window of `pairProducts` slides per year (products replaced per year). */
  pairChurn: Float64Array;
  /** Row value scale (thousand USD) of the pair before yearly movement. */
  pairScale: Float64Array;
  candidates: Uint16Array;
  productScale: Float64Array;
  /** Thousand USD per tonne. */
  productUnitValue: Float64Array;
}

function buildModel(countryCount: number, productCount: number, rowsPerYear: number, yearCount: number, churn: number, rng: Xoshiro128): Model {
  const sizes = new Float64Array(countryCount);
  const xs = new Float64Array(countryCount);
  const ys = new Float64Array(countryCount);
  for (let c = 0; c < countryCount; c++) {
    sizes[c] = Math.exp(SIZE_SIGMA * rng.normal());
    xs[c] = rng.next();
    ys[c] = rng.next();
  }
  const allPairs = countryCount * (countryCount - 1);
  const intensity = new Float64Array(allPairs);
  const wanted = new Float64Array(allPairs);
  let p = 0;
  for (let i = 0; i < countryCount; i++) {
    for (let j = 0; j < countryCount; j++) {
      if (i === j) continue;
      const distance = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!) + 0.05;
      const g = ((sizes[i]! * sizes[j]!) / distance) * Math.exp(PAIR_NOISE_SIGMA * rng.normal());
      intensity[p] = g;
      wanted[p] = Math.pow(g, PRODUCTS_EXPONENT);
      p++;
    }
  }
  if (rowsPerYear > allPairs * productCount) {
    throw new RangeError(`rowsPerYear ${rowsPerYear} exceeds the ${allPairs * productCount} distinct (exporter, importer, product) keys of ${countryCount} countries × ${productCount} products`);
  }
  // Scale products-per-pair so that, capped at the product count, they sum to rowsPerYear (bisection on λ).
  const total = (lambda: number) => {
    let s = 0;
    for (let n = 0; n < allPairs; n++) s += Math.min(productCount, lambda * wanted[n]!);
    return s;
  };
  let lo = 0;
  let hi = 1;
  while (total(hi) < rowsPerYear) hi *= 2;
  for (let n = 0; n < 100; n++) {
    const mid = (lo + hi) / 2;
    if (total(mid) < rowsPerYear) lo = mid;
    else hi = mid;
  }
  const counts = new Uint32Array(allPairs);
  const remainders: number[] = [];
  let assigned = 0;
  for (let n = 0; n < allPairs; n++) {
    const x = Math.min(productCount, hi * wanted[n]!);
    counts[n] = Math.floor(x);
    assigned += counts[n]!;
    if (counts[n]! < productCount) remainders.push(n);
  }
  // Largest remainder (ties by pair index) makes the row count exact.
  remainders.sort((x, y) => {
    const fx = hi * wanted[x]! - Math.floor(hi * wanted[x]!);
    const fy = hi * wanted[y]! - Math.floor(hi * wanted[y]!);
    return fy - fx || x - y;
  });
  for (let n = 0; assigned < rowsPerYear; n = (n + 1) % remainders.length) {
    const pair = remainders[n]!;
    if (counts[pair]! < productCount) {
      counts[pair]! += 1;
      assigned++;
    }
  }
  for (let n = 0; assigned > rowsPerYear; n++) {
    // Only when rounding overshot (λ bisection lands just above): trim the largest pairs.
    const pair = n % allPairs;
    if (counts[pair]! > 1) {
      counts[pair]! -= 1;
      assigned--;
    }
  }

  // Product popularity: Zipf-like over a seeded order; level and unit value log-normal.
  const order = Array.from({ length: productCount }, (_, n) => n);
  for (let n = order.length - 1; n > 0; n--) {
    const m = rng.int(n + 1);
    [order[n], order[m]] = [order[m]!, order[n]!];
  }
  const popularity = new Float64Array(productCount);
  for (let r = 0; r < productCount; r++) popularity[order[r]!] = 1 / Math.pow(r + 1, 0.8);
  const cumulative = new Float64Array(productCount);
  let acc = 0;
  for (let k = 0; k < productCount; k++) {
    acc += popularity[k]!;
    cumulative[k] = acc;
  }
  const productScale = new Float64Array(productCount);
  const productUnitValue = new Float64Array(productCount);
  for (let k = 0; k < productCount; k++) {
    productScale[k] = Math.exp(PRODUCT_LEVEL_SIGMA * rng.normal());
    productUnitValue[k] = 2 * Math.exp(1.5 * rng.normal());
  }

  // Keep only pairs that trade; give each its candidate list (window + products that enter later).
  const trading: number[] = [];
  for (let n = 0; n < allPairs; n++) if (counts[n]! > 0) trading.push(n);
  const pairCount = trading.length;
  const model: Model = {
    pairExporter: new Uint16Array(pairCount),
    pairImporter: new Uint16Array(pairCount),
    pairProducts: new Uint32Array(pairCount),
    pairOffset: new Float64Array(pairCount + 1),
    pairChurn: new Float64Array(pairCount),
    pairScale: new Float64Array(pairCount),
    candidates: new Uint16Array(0),
    productScale,
    productUnitValue,
  };
  const steps = Math.max(1, yearCount - 1);
  let offset = 0;
  let logScaleSum = 0;
  for (let q = 0; q < pairCount; q++) {
    const n = trading[q]!;
    const i = Math.floor(n / (countryCount - 1));
    const jRaw = n % (countryCount - 1);
    const j = jRaw >= i ? jRaw + 1 : jRaw;
    const products = counts[n]!;
    // Big pairs trade nearly everything and cannot replace much: churn is capped by what is left.
    const c = yearCount > 1 ? Math.min(churn, (productCount - products) / (products * steps)) : 0;
    model.pairExporter[q] = i;
    model.pairImporter[q] = j;
    model.pairProducts[q] = products;
    model.pairChurn[q] = c;
    model.pairOffset[q] = offset;
    offset += products + Math.floor(products * c * steps);
    // Pair value ∝ intensity, spread over its products: a row's scale ∝ intensity^(1 − exponent).
    const logScale = (1 - PRODUCTS_EXPONENT) * Math.log(intensity[n]!);
    model.pairScale[q] = logScale;
    logScaleSum += logScale * products;
  }
  model.pairOffset[pairCount] = offset;
  const logMean = logScaleSum / rowsPerYear;
  for (let q = 0; q < pairCount; q++) model.pairScale[q] = TYPICAL_ROW_VALUE_KUSD * Math.exp(model.pairScale[q]! - logMean);

  const candidates = new Uint16Array(offset);
  const stamp = new Uint32Array(productCount);
  const keys = new Float64Array(productCount);
  const byKey = new Uint32Array(productCount);
  for (let q = 0; q < pairCount; q++) {
    const start = model.pairOffset[q]!;
    const m = model.pairOffset[q + 1]! - start;
    if (m * 4 <= productCount) {
      // Few products: draw by popularity, reject repeats (stamped, so nothing is cleared per pair).
      let got = 0;
      while (got < m) {
        const u = rng.next() * acc;
        let l = 0;
        let h = productCount - 1;
        while (l < h) {
          const mid = (l + h) >>> 1;
          if (cumulative[mid]! > u) h = mid;
          else l = mid + 1;
        }
        if (stamp[l] === q + 1) continue;
        stamp[l] = q + 1;
        candidates[start + got++] = l;
      }
    } else {
      // Many products: weighted sampling without replacement by Efraimidis–Spirakis keys log(u)/w.
      for (let k = 0; k < productCount; k++) {
        keys[k] = Math.log(rng.nextOpen()) / popularity[k]!;
        byKey[k] = k;
      }
      byKey.sort((x, y) => keys[y]! - keys[x]! || x - y);
      for (let n = 0; n < m; n++) candidates[start + n] = byKey[n]!;
    }
    // Shuffle so the yearly window drops and adds products at random, not by popularity.
    for (let n = m - 1; n > 0; n--) {
      const r = rng.int(n + 1);
      const t = candidates[start + n]!;
      candidates[start + n] = candidates[start + r]!;
      candidates[start + r] = t;
    }
  }
  model.candidates = candidates;
  return model;
}

// ---------------------------------------------------------------------------------------------
// Writing

const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));
const CHUNK_BYTES = 1 << 20;
type Latin1Buffer = Buffer & { latin1Write(text: string, offset: number): number };
const SPACES = Array.from({ length: Q_WIDTH + 1 }, (_, n) => " ".repeat(n));

/** `x` with exactly 3 decimals, never below 0.001 (BACI has no zero values). Integer arithmetic: 5× faster than toFixed. */
function fixed3(x: number): string {
  const milli = Math.max(1, Math.round(x * 1000));
  const whole = Math.floor(milli / 1000);
  return whole + "." + PAD3[milli - whole * 1000];
}

/**
 * Rows are copied straight into 1 MiB buffers (one native `write(…, "latin1")` per row) and each full buffer
 * goes to the stream with backpressure: building one big JS string instead spent most of the time
 * flattening ropes and collecting garbage.
 */
class ChunkWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  bytes = 0;
  private readonly stream;
  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES });
  }
  /** Appends one row (< 1 KiB, ASCII); true when the buffer is nearly full and `flush` is due. */
  push(text: string): boolean {
    // latin1Write is Buffer's own native method (Node ≥ 0.x, untyped in @types/node); buffer.write(text,
    // offset, "latin1") routes through argument normalisation and measured 3× slower per row here.
    this.used += (this.buffer as Latin1Buffer).latin1Write(text, this.used);
    return this.used > CHUNK_BYTES - 1024;
  }
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    this.bytes += this.used;
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    if (!this.stream.write(full)) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

/**
 * Writes one SYNTHETIC BACI-layout CSV per year, named `SYNTHETIC_BACI_HS92_Y<year>_V000000.csv` (the
 * BACI adapter reads it as HS92, that year, vintage V000000, dataset key `synthetic-baci:HS92:<year>` so it never supersedes real BACI), plus `country_codes_V000000.csv`,
 * `product_codes_V000000.csv` and `README_SYNTHETIC.txt`.
 *
 * Rows come sorted by exporter, importer, product as in real BACI; malformed rows, when asked for,
 * are slipped in at seeded positions and counted exactly by kind.
 * @example await writeSyntheticBaci({ dir: "bench/data", years: [2019, 2021], rowsPerYear: 1e6, seed: 42 })
 */
export async function writeSyntheticBaci(options: SyntheticBaciOptions): Promise<SyntheticBaciResult> {
  const [fromYear, toYear] = options.years;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear || fromYear < 1000 || toYear > 9999) {
    throw new RangeError(`years must be two 4-digit integers [from, to] with from ≤ to; got [${fromYear}, ${toYear}]`);
  }
  if (!Number.isInteger(options.rowsPerYear) || options.rowsPerYear < 1) throw new RangeError(`rowsPerYear must be a positive integer; got ${options.rowsPerYear}`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer; got ${options.seed}`);
  const malformedTotal = options.malformedRows ?? 0;
  if (!Number.isInteger(malformedTotal) || malformedTotal < 0) throw new RangeError(`malformedRows must be a non-negative integer; got ${malformedTotal}`);
  const churn = options.productChurnPerYear ?? 0.05;
  if (!(churn >= 0 && churn <= 1)) throw new RangeError(`productChurnPerYear must be in [0, 1]; got ${churn}`);
  const naShare = options.quantityNaShare ?? 0.03;
  if (!(naShare >= 0 && naShare <= 1)) throw new RangeError(`quantityNaShare must be in [0, 1]; got ${naShare}`);
  const referenceDir = options.referenceDir ?? defaultReferenceDir();

  const setupRng = new Xoshiro128(options.seed, 0);
  const yearRng = new Xoshiro128(options.seed, 1);
  const badRng = new Xoshiro128(options.seed, 2);
  const hashSeed = new Xoshiro128(options.seed, 3).nextUint32();

  const available = await readCurrentBaciCountries(referenceDir);
  let countries: CountryRow[];
  if (Array.isArray(options.countries)) {
    const wantedCodes = new Set((options.countries as readonly string[]).map((c) => String(Number(c))));
    countries = available.filter((c) => wantedCodes.has(c.code));
    if (countries.length !== wantedCodes.size) {
      const known = new Set(countries.map((c) => c.code));
      throw new RangeError(`countries not in the current BACI list: ${[...wantedCodes].filter((c) => !known.has(c)).join(", ")}`);
    }
  } else {
    const n = (options.countries as number | undefined) ?? 200;
    if (!Number.isInteger(n) || n < 2 || n > available.length) throw new RangeError(`countries must be an integer in [2, ${available.length}]; got ${n}`);
    countries = choose(available, n, setupRng);
  }
  const allProducts = await readProducts(referenceDir);
  const productCount = options.products ?? Math.min(5000, allProducts.length);
  if (!Number.isInteger(productCount) || productCount < 1 || productCount > allProducts.length) {
    throw new RangeError(`products must be an integer in [1, ${allProducts.length}]; got ${productCount}`);
  }
  const products = choose(allProducts, productCount, setupRng);
  const yearCount = toYear - fromYear + 1;
  const model = buildModel(countries.length, products.length, options.rowsPerYear, yearCount, churn, setupRng);

  await mkdir(options.dir, { recursive: true });
  const codes = countries.map((c) => c.code);
  const productCodes = products.map((p) => p.code);
  const yearFactor = lognormalTable(ROW_YEAR_SIGMA);
  const baseFactor = lognormalTable(ROW_BASE_SIGMA);
  const quantityFactor = lognormalTable(QUANTITY_SIGMA);
  const naThreshold = Math.floor(naShare * 65536);
  const pairCount = model.pairProducts.length;
  const pairLevel = new Float64Array(pairCount);
  const scratch = new Uint16Array(products.length);
  const malformed: MalformedCounts = { unknownCode: 0, negativeValue: 0, textValue: 0, duplicateKey: 0, badHsCode: 0, total: 0 };
  const files: SyntheticBaciFile[] = [];
  let malformedIndex = 0;

  for (let y = 0; y < yearCount; y++) {
    const year = fromYear + y;
    // The world moves together a little; each pair drifts on its own random walk.
    const worldStep = WORLD_STEP_SIGMA * yearRng.normal();
    for (let q = 0; q < pairCount; q++) {
      pairLevel[q] = y === 0 ? 0 : pairLevel[q]! + PAIR_DRIFT + worldStep + PAIR_STEP_SIGMA * yearRng.normal();
    }
    // Malformed rows for this year: an even share, at sorted seeded positions in [1, rows] (after ≥ 1 valid row).
    const bad = Math.floor(malformedTotal / yearCount) + (y < malformedTotal % yearCount ? 1 : 0);
    const positions = Array.from({ length: bad }, () => 1 + badRng.int(options.rowsPerYear)).sort((a, b) => a - b);
    let nextBad = 0;

    const path = join(options.dir, `SYNTHETIC_BACI_HS92_Y${year}_V000000.csv`);
    const out = new ChunkWriter(path);
    out.push('"t","i","j","k","v","q"\n');
    const yearText = String(year);
    const yearHash = mix32(hashSeed ^ Math.imul(year, 0x9e3779b1));
    let written = 0;
    let lastKey = "";
    let lastValue = 0;
    let lastQuantity = "";

    const emitBad = () => {
      const kind = MALFORMED_KINDS[malformedIndex % MALFORMED_KINDS.length]!;
      const variant = Math.floor(malformedIndex / MALFORMED_KINDS.length) % 3;
      malformedIndex++;
      malformed[kind]++;
      malformed.total++;
      const i = codes[badRng.int(codes.length)]!;
      let j = codes[badRng.int(codes.length)]!;
      if (j === i) j = codes[(codes.indexOf(i) + 1) % codes.length]!;
      const k = productCodes[badRng.int(productCodes.length)]!;
      const v = fixed3(1 + 100 * badRng.next());
      const q = `"${SPACES[Q_WIDTH - 5]}1.000"`;
      switch (kind) {
        case "unknownCode":
          return variant === 1 ? `${yearText},${i},999,${k},${v},${q}\n` : `${yearText},999,${j},${k},${v},${q}\n`;
        case "negativeValue":
          return `${yearText},${i},${j},${k},-${v},${q}\n`;
        case "textValue":
          return `${yearText},${i},${j},${k},${TEXT_VALUES[variant]},${q}\n`;
        case "duplicateKey":
          return `${lastKey},${fixed3(lastValue * 1.5 + 0.5)},${lastQuantity}\n`;
        case "badHsCode":
          return `${yearText},${i},${j},${BAD_HS[variant]},${v},${q}\n`;
      }
    };

    for (let q = 0; q < pairCount; q++) {
      const n = model.pairProducts[q]!;
      const start = model.pairOffset[q]! + Math.floor(n * model.pairChurn[q]! * y);
      for (let m = 0; m < n; m++) scratch[m] = model.candidates[start + m]!;
      const window = scratch.subarray(0, n).sort();
      const prefix = `${yearText},${codes[model.pairExporter[q]!]},${codes[model.pairImporter[q]!]},`;
      const scale = model.pairScale[q]! * Math.exp(pairLevel[q]!);
      const pairHash = Math.imul(q + 1, 0x9e3779b1) ^ hashSeed;
      for (let m = 0; m < n; m++) {
        while (nextBad < bad && positions[nextBad] === written) {
          if (out.push(emitBad())) await out.flush();
          nextBad++;
        }
        const k = window[m]!;
        const base = mix32(pairHash ^ Math.imul(k + 1, 0x85ebca77));
        const noise = mix32(base ^ yearHash);
        const v = scale * model.productScale[k]! * baseFactor[base >>> 16]! * yearFactor[noise >>> 16]!;
        const vText = fixed3(v);
        let qText: string;
        if ((noise & 0xffff) < naThreshold) qText = `"${SPACES[Q_WIDTH - 2]}NA"`;
        else {
          const s = fixed3((v / model.productUnitValue[k]!) * quantityFactor[mix32(noise) >>> 16]!);
          qText = `"${s.length < Q_WIDTH ? SPACES[Q_WIDTH - s.length] : ""}${s}"`;
        }
        lastKey = prefix + productCodes[k]!;
        lastValue = v;
        lastQuantity = qText;
        written++;
        if (out.push(`${lastKey},${vText},${qText}\n`)) await out.flush();
      }
    }
    while (nextBad < bad) {
      if (out.push(emitBad())) await out.flush();
      nextBad++;
    }
    await out.close();
    files.push({ path, year, validRows: written, malformedRows: bad, bytes: out.bytes });
  }

  const countryCodesPath = join(options.dir, "country_codes_V000000.csv");
  const countryText = ['"country_code","country_name_abbreviation","country_name_full","iso_2digit_alpha","iso_3digit_alpha"', ...countries.map((c) => c.line)].join("\n") + "\n";
  await writeFile(countryCodesPath, Buffer.from(countryText, "latin1"));
  const productCodesPath = join(options.dir, "product_codes_V000000.csv");
  const productText = ["code,description", ...products.map((p) => `${p.code},"${p.description.replace(/"/g, '""')}"`)].join("\n") + "\n";
  await writeFile(productCodesPath, productText);

  const validRows = files.reduce((s, f) => s + f.validRows, 0);
  const bytesWritten = files.reduce((s, f) => s + f.bytes, 0);
  const readmePath = join(options.dir, "README_SYNTHETIC.txt");
  await writeFile(
    readmePath,
    [
      "SYNTHETIC DATA — NOT REAL TRADE FIGURES",
      "",
      "These files imitate the layout of CEPII BACI (t,i,j,k,v,q) but every value was generated by",
      "tradeties src/synthetic/baciGenerator.ts from a seed. Use them for tests and benchmarks only;",
      "never cite, publish or mix them with real BACI data. The V000000 vintage marks them as synthetic.",
      "",
      `seed: ${options.seed}`,
      `years: ${fromYear}-${toYear}`,
      `valid rows per year: ${options.rowsPerYear}`,
      `countries: ${countries.length} (current BACI codes from country_codes_V202201.csv; listed in country_codes_V000000.csv)`,
      `products: ${products.length} (HS6 codes from product_codes.csv; listed in product_codes_V000000.csv)`,
      `product churn per year: ${churn}; quantity NA share: ${naShare}`,
      `malformed rows: ${malformed.total} (unknown code ${malformed.unknownCode}, negative value ${malformed.negativeValue}, text value ${malformed.textValue}, duplicate key ${malformed.duplicateKey}, bad HS code ${malformed.badHsCode})`,
      `files: ${files.map((f) => f.path.split(/[\\/]/).pop()).join(", ")}`,
      "",
      "Code lists are copied from the real BACI lists (country names Latin-1 encoded, as CEPII ships them).",
      "",
    ].join("\n"),
  );
  return {
    files,
    countryCodesPath,
    productCodesPath,
    readmePath,
    countryCodes: codes,
    validRows,
    rowsWritten: validRows + malformed.total,
    bytesWritten,
    malformed,
  };
}
