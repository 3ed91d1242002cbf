/**
 * Downloads without float noise. Values stored in USD come from sources in millions or thousands
 * (117.6 million × 10⁶ is 117600000.00000001 in binary floating point); a download rounds them
 * where it is written, to 12 significant digits: far more than any trade source publishes
 * (DOTS and BACI carry 4–7), so no figure changes, and "117600000" is what a spreadsheet shows.
 * Stored values and indicator inputs are never rounded.
 * @module
 */

/** Significant digits kept in downloads. */
export const DOWNLOAD_SIGNIFICANT_DIGITS = 12;

/**
 * A number as a download writes it; integers and null pass through.
 * @example withoutFloatNoise(117600000.00000001) // 117600000
 * @example withoutFloatNoise(0.1 + 0.2) // 0.3
 */
export function withoutFloatNoise<T extends number | null | undefined>(value: T): T {
  if (typeof value !== "number" || Number.isInteger(value) || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(DOWNLOAD_SIGNIFICANT_DIGITS)) as T;
}

/** `JSON.stringify(x, floatNoiseReplacer)`: every number in a JSON download through {@link withoutFloatNoise}. */
export function floatNoiseReplacer(_key: string, value: unknown): unknown {
  return typeof value === "number" ? withoutFloatNoise(value) : value;
}
