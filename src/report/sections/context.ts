import type { Milestone } from "../../indicators/index.js";
import type { Profile } from "../../profile/types.js";
import { FootnoteRegister } from "../narrative.js";
import type { SideWording } from "../sides.js";

/** What every section writer reads: the profile, the footnote register and display names. */
export interface SectionContext {
  profile: Profile;
  notes: FootnoteRegister;
  /** "South Korea", "Russia". */
  a: string;
  b: string;
  /** Milestones inside the period covered: the ones sentences and charts discuss. */
  milestones: Milestone[];
  /** Milestones before or after the period covered: listed once, labelled as context. */
  contextMilestones: Milestone[];
  /** Whose figures the sentences describe ("South Korea's reports", "IMF estimates for North Korea …"). */
  reports: SideWording;
}
