/**
 * The ClickHouse store location: `clickhouse://[USER[:PASSWORD]@]HOST:PORT/DATABASE[?cluster=NAME[&shards=H:P,H:P]]`.
 * PORT is the HTTP port. Without `cluster` every table is a plain MergeTree on that server; with it,
 * BACI tables are `<name>_local` MergeTree on every shard behind `Distributed(NAME, …)` tables on
 * the server named in the URL. `shards` lists each shard's HTTP address so that the store can
 * create (and clean) the local tables itself; without it they must already exist (created by an
 * administrator, e.g. `ON CLUSTER` on a cluster with Keeper, see docs/clickhouse.md).
 * @module
 */
import { UsageError } from "../../errors.js";
import { ident } from "./sql.js";

export interface ClickHouseLocation {
  /** http://HOST:PORT of the server the store talks to. */
  httpUrl: string;
  username: string;
  password: string;
  database: string;
  cluster?: string;
  /** http://HOST:PORT of every shard (cluster mode with `shards`). */
  shardUrls: string[];
  /** The location as given, without the password: shown in messages and `store.location`. */
  display: string;
}

export function isClickHouseLocation(store: string): boolean {
  return /^clickhouse:\/\//i.test(store);
}

export function parseClickHouseLocation(store: string): ClickHouseLocation {
  let url: URL;
  try {
    url = new URL(store);
  } catch {
    throw new UsageError(`cannot read the store address '${store}': expected clickhouse://HOST:PORT/DATABASE[?cluster=NAME]`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new UsageError(`the store address '${store}' names no database: expected clickhouse://HOST:PORT/DATABASE`);
  // Names go into DDL unquoted: check them here, where the user can be told which part is wrong.
  try {
    ident(database);
  } catch {
    throw new UsageError(`the database name '${database}' in '${store}' must be letters, digits and _ (not starting with a digit)`);
  }
  const cluster = url.searchParams.get("cluster") ?? undefined;
  if (cluster !== undefined) {
    try {
      ident(cluster);
    } catch {
      throw new UsageError(`the cluster name '${cluster}' in '${store}' must be letters, digits and _ (not starting with a digit)`);
    }
  }
  const shards = url.searchParams.get("shards");
  if (shards && !cluster) throw new UsageError(`'shards' in '${store}' needs 'cluster' too`);
  const shardUrls = (shards ?? "")
    .split(",")
    .filter(Boolean)
    .map((hp) => {
      if (!/^[A-Za-z0-9.\-]+:\d{1,5}$/.test(hp)) throw new UsageError(`shard '${hp}' in '${store}' is not HOST:HTTP_PORT`);
      return `http://${hp}`;
    });
  for (const key of url.searchParams.keys()) {
    if (key !== "cluster" && key !== "shards") throw new UsageError(`unknown option '${key}' in '${store}' (known: cluster, shards)`);
  }
  const port = url.port || "8123";
  const safe = new URL(store);
  safe.password = "";
  return {
    httpUrl: `http://${url.hostname}:${port}`,
    username: decodeURIComponent(url.username) || "default",
    password: decodeURIComponent(url.password),
    database,
    cluster,
    shardUrls,
    display: safe.toString(),
  };
}
