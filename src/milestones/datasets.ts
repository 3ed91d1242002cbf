/**
 * The milestone datasets: name, vintage, file in the data folder, publisher and where to get it.
 * One place for the footnotes, the README table and the loader.
 * @module
 */

export interface MilestoneDataset {
  name: string;
  vintage: string;
  /** Relative to the data folder. */
  file: string;
  publisher: string;
  url: string;
}

export const MILESTONE_DATASETS = {
  wtoRta: { name: "WTO Regional Trade Agreements database", vintage: "AllRTAs export 2026-04", file: "milestones/wto-rta/AllRTAs_2026-04.AllRTAs.csv", publisher: "World Trade Organization", url: "https://rtais.wto.org" },
  desta: { name: "DESTA (Design of Trade Agreements), dyadic list", vintage: "2.3", file: "milestones/desta/desta_list_of_treaties_02_03_dyads.csv", publisher: "Dür, Baccini & Elsig", url: "https://www.designoftradeagreements.org/downloads/" },
  wtoMembers: { name: "WTO members and observers", vintage: "list of 2026-02-01", file: "milestones/wto-gatt-members/wto_members.csv", publisher: "World Trade Organization", url: "https://www.wto.org/english/thewto_e/whatis_e/tif_e/org6_e.htm" },
  gatt: { name: "GATT 1947 contracting parties", vintage: "128 parties by 1994", file: "milestones/wto-gatt-members/gatt_members.csv", publisher: "World Trade Organization", url: "https://www.wto.org/english/thewto_e/gattmem_e.htm" },
  eu: { name: "EU member states", vintage: "as of 2019", file: "milestones/eu-membership/eustates.csv", publisher: "European Union", url: "https://european-union.europa.eu/principles-countries-history/eu-countries_en" },
  crises: { name: "Laeven–Valencia Systemic Banking Crises Database II", vintage: "2020", file: "milestones/crises-laeven-valencia/SBCD.csv", publisher: "International Monetary Fund (Laeven & Valencia)", url: "https://doi.org/10.1057/s41308-020-00107-3" },
  ties: { name: "TIES (Threat and Imposition of Economic Sanctions)", vintage: "4.1", file: "milestones/sanctions-ties/TIESv4-1.csv", publisher: "Morgan, Bapat & Kobayashi (UNC)", url: "https://sanctions.web.unc.edu/" },
  giga: { name: "GIGA Sanctions Dataset", vintage: "2012-11-27", file: "milestones/sanctions-giga/GIGA_Sanctions_Data_Set_121127.csv", publisher: "GIGA Hamburg (von Soest & Wahman)", url: "https://www.giga-hamburg.de/en/" },
  gsdb: { name: "Global Sanctions Data Base", vintage: "R3, cases ending 2013 or later only", file: "milestones/sanctions-gsdb/GSDB_V3_subset_end_ge_2013.csv", publisher: "Felbermayr, Kirilakha, Syropoulos, Yalcin & Yotov", url: "https://www.globalsanctionsdatabase.com/" },
  cow: { name: "Correlates of War State System Membership", vintage: "v2016", file: "milestones/states-cow-gw/cowstates.csv", publisher: "Correlates of War Project", url: "https://correlatesofwar.org/data-sets/state-system-membership/" },
} as const satisfies Record<string, MilestoneDataset>;

export type MilestoneDatasetKey = keyof typeof MILESTONE_DATASETS;

/** The dataset a provenance names (by its `name`), for footnotes. */
export function datasetByName(name: string): MilestoneDataset | undefined {
  return Object.values(MILESTONE_DATASETS).find((d) => d.name === name);
}
