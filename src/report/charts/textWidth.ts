/**
 * Text widths for laying out charts in Node, where vega has no canvas to measure text and
 * falls back to guessing 0.8 em a character: that guess makes legends and axis labels take
 * about 40% more room than they need (a 640 px chart grew to 845 px) and cuts labels early.
 * These widths are the advance widths of DejaVu Sans, the first font the charts ask for and a
 * wide one, so labels laid out with them do not overlap in the narrower fallbacks either.
 * @module
 */

/** The characters the tables below cover, in table order. */
const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—…→←°’‘“”·×−€£¥";
/** DejaVu Sans advance widths in thousandths of an em, read from DejaVuSans.ttf (hmtx). */
const REGULAR = [
  318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,
  636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,
  787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,
  635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,
  500,1000,1000,838,838,500,318,318,518,518,318,838,838,636,636,636,
];
/** DejaVu Sans Bold advance widths in thousandths of an em, read from DejaVuSans-Bold.ttf. */
const BOLD = [
  348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,
  696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,
  837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,
  678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,
  365,712,838,500,1000,1000,838,838,500,380,380,657,657,380,838,838,696,696,696,
];

const regular = new Map<string, number>();
const bold = new Map<string, number>();
[...CHARS].forEach((ch, i) => {
  regular.set(ch, REGULAR[i] / 1000);
  bold.set(ch, BOLD[i] / 1000);
});

/** Width of characters outside the tables: CJK and Hangul are full-width, others average. */
function fallbackWidth(ch: string, isBold: boolean): number {
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK radicals … Yi
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xff00 && cp <= 0xff60); // full-width forms
  if (wide) return 1;
  return isBold ? 0.72 : 0.65;
}

/** Whether a vega font weight (number or keyword) is bold. */
function isBoldWeight(weight: unknown): boolean {
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || (typeof weight === "string" && Number(weight) >= 600);
}

/** Width in pixels of `text` at `fontSize` px in DejaVu Sans (bold when `isBold`). */
export function textWidth(text: string, fontSize: number, isBold = false): number {
  const table = isBold ? bold : regular;
  let em = 0;
  for (const ch of text) em += table.get(ch) ?? fallbackWidth(ch, isBold);
  return em * fontSize;
}

/** The parts of a vega text scenegraph item that decide its width. */
export interface TextItemLike {
  fontSize?: number | null;
  fontWeight?: string | number | null;
  limit?: number | null;
}

/**
 * A replacement for vega's `textMetrics.width(item, text)`. Widths above the item's `limit`
 * are reported as the limit, because vega draws such text cut to fit it.
 */
export function vegaTextWidth(item: TextItemLike, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const line = text == null ? "" : String(text).trim();
  if (size <= 0 || line === "") return 0;
  const width = textWidth(line, size, isBoldWeight(item.fontWeight));
  const limit = Number(item.limit) || 0;
  return limit > 0 && width > limit ? limit : width;
}
