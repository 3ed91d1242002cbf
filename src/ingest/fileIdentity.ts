import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { inputFileError } from "../environmentErrors.js";
import { IngestError } from "../errors.js";
import type { FileIdentity } from "../store/TradeStore.js";

/** SHA-256 of the file's bytes, streamed so a multi-GB BACI file is never held in memory. */
export async function identifyFile(filePath: string): Promise<FileIdentity & { sizeBytes: number }> {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(filePath)).size;
  } catch (cause) {
    throw inputFileError(cause, filePath);
  }
  if (!(await stat(filePath)).isFile()) throw inputFileError(Object.assign(new Error("is a directory"), { code: "EISDIR" }), filePath);
  if (sizeBytes === 0) throw new IngestError(`${basename(filePath)} is empty (0 bytes); nothing to load — check the download`, { file: filePath });
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw inputFileError(cause, filePath);
  }
  return { sourceId: hash.digest("hex"), fileName: basename(filePath), sizeBytes };
}

/** The first bytes of a file, for format detection. */
export async function readHead(filePath: string, bytes = 64 * 1024): Promise<Buffer> {
  const handle = await open(filePath, "r").catch((cause: unknown) => {
    throw inputFileError(cause, filePath);
  });
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
