/**
 * Year lists written so that a hole shows; shared by the API and the dashboard (no Node imports).
 * @module
 */

/**
 * Years as runs, so that a hole shows: [1976…1981, 1991…2020] → "1976–1981, 1991–2020".
 * @example describeYears([1990, 1991, 1992, 1995]) // "1990–1992, 1995"
 */
export function describeYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((x, y) => x - y);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}
