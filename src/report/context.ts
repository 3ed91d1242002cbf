/**
 * The user's context file (YAML or JSON): milestones the data cannot know, a reference year and a
 * "prospects" text. The report shows this text as the user's, never as a finding.
 * @module
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { Milestone } from "../indicators/index.js";

const MilestoneSchema = z.object({
  /** Replaces the catalogue milestone with this id (e.g. "wto-rta:122"). */
  id: z.string().min(1).optional(),
  year: z.number().int().min(1900).max(2100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be yyyy-mm-dd").optional(),
  label: z.string().min(1),
  kind: z.enum(["diplomatic", "policy", "agreement", "accession", "sanctions", "crisis", "state", "other"]).default("other"),
  source: z.string().optional(),
});

export const ContextSchema = z
  .object({
    title: z.string().optional(),
    reference_year: z.number().int().min(1900).max(2100).optional(),
    /** Replace the catalogue's milestones (true) or add to and override them (false, the default). */
    replace_milestones: z.boolean().default(false),
    milestones: z.array(MilestoneSchema).default([]),
    prospects: z.string().optional(),
    notes: z.array(z.string()).default([]),
  })
  .strict();

export type UserContext = z.infer<typeof ContextSchema> & { file: string };

export async function readContextFile(path: string): Promise<UserContext> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read the context file ${path}: ${(cause as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (cause as Error).message}`, { file: path }, { cause });
  }
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new UsageError(`the context file ${basename(path)} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(cause as Error).message}`, { file: path }, { cause });
  }
  const parsed = ContextSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw new UsageError(`the context file ${basename(path)} has a problem at '${field || "(top level)"}': ${issue.message}. Expected keys: title, reference_year, milestones (id, year, date, label, kind, source), replace_milestones, prospects, notes`, { file: path, field });
  }
  return { ...parsed.data, file: path };
}

/** The context file's milestones, each citing the file unless it gives its own source. */
export function contextMilestones(context: UserContext | undefined): Milestone[] | undefined {
  if (!context) return undefined;
  return context.milestones.map((m) => ({ ...m, source: m.source ?? `user context file ${basename(context.file)}` }));
}
