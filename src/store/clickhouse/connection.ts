/**
 * The HTTP connection to one ClickHouse server through `@clickhouse/client`: statements are
 * {@link SqlFragment}s (typed literals only, see sql.ts), results come back as JSONEachRow, and
 * engine errors become {@link TradetiesError}s that name the server and the statement's purpose.
 * This folder is the only importer of `@clickhouse/client`.
 * @module
 */
import type { Readable } from "node:stream";
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from "@clickhouse/client";
import { TradetiesError } from "../../errors.js";
import type { SqlFragment } from "./sql.js";

export type Row = Record<string, unknown>;

export class ClickHouseConnection {
  private readonly client: ClickHouseClient;

  constructor(
    readonly url: string,
    username: string,
    password: string,
  ) {
    // Progress headers keep a long INSERT … SELECT's connection alive (the client warns without them).
    this.client = createClient({
      url,
      username,
      password,
      request_timeout: 600_000,
      max_open_connections: 8,
      // Failures reach the caller as TradetiesErrors; the client's own error log would print them twice.
      log: { level: ClickHouseLogLevel.OFF },
      clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: "10000" },
    });
  }

  /** Runs a statement that returns no rows (DDL, INSERT … SELECT). */
  async run(statement: SqlFragment, settings: ClickHouseSettings = {}): Promise<void> {
    try {
      await this.client.command({ query: statement.text, clickhouse_settings: settings });
    } catch (cause) {
      throw this.failure(cause, statement);
    }
  }

  /** Runs a SELECT and returns its rows as plain objects (UInt64 values arrive as strings). */
  async rows<T extends Row = Row>(statement: SqlFragment, settings: ClickHouseSettings = {}): Promise<T[]> {
    try {
      const result = await this.client.query({ query: statement.text, format: "JSONEachRow", clickhouse_settings: settings });
      return await result.json<T>();
    } catch (cause) {
      throw this.failure(cause, statement);
    }
  }

  /** Inserts JS rows as JSONEachRow into a table named by trusted identifiers. */
  async insertRows(table: SqlFragment, rows: readonly Row[], settings: ClickHouseSettings = {}): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.client.insert({ table: table.text, values: rows as Row[], format: "JSONEachRow", clickhouse_settings: settings });
    } catch (cause) {
      throw this.failure(cause, table);
    }
  }

  /** Streams bytes (a CSV file) to the server, which parses them: `INSERT INTO table FORMAT CSVWithNames`. */
  async insertCsvStream(table: SqlFragment, stream: Readable, settings: ClickHouseSettings = {}): Promise<void> {
    await this.client.insert({ table: table.text, values: stream, format: "CSVWithNames", clickhouse_settings: settings });
  }

  async ping(): Promise<boolean> {
    const r = await this.client.ping();
    return r.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private failure(cause: unknown, statement: SqlFragment): TradetiesError {
    const message = (cause as Error).message ?? String(cause);
    const head = statement.text.replace(/\s+/g, " ").slice(0, 120);
    return new TradetiesError(`ClickHouse at ${this.url} refused '${head}…': ${message}`, {}, { cause });
  }
}
