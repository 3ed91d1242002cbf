#!/usr/bin/env bash
# A real 2-shard ClickHouse cluster on loopback for the conformance suite and the benchmark:
# two clickhouse-server processes, each with its own config, data and tmp dirs under $CH_DIR,
# sharing one <remote_servers> section that names both TCP ports as two shards.
#
#   .ci/clickhouse-cluster.sh start   # installs clickhouse-server/-client from apt when missing, starts, waits
#   .ci/clickhouse-cluster.sh stop    # stops both servers (by the pids it recorded) and removes $CH_DIR
#   .ci/clickhouse-cluster.sh env     # prints the TRADETIES_CLICKHOUSE_* variables the tests read
#
# Clusters defined: tradeties_2shards (both servers) and tradeties_1shard (the first only, for the
# 1-shard vs 2-shard benchmark). Ports: HTTP 18123/18124, TCP 19000/19001, interserver 19009/19010.
set -euo pipefail

CH_DIR=${CH_DIR:-/tmp/ch-tradeties}
HTTP_PORTS=(18123 18124)
TCP_PORTS=(19000 19001)
INTER_PORTS=(19009 19010)

config() {
  local n=$1 dir=$CH_DIR/s$1
  cat <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${HTTP_PORTS[$n]}</http_port>
  <tcp_port>${TCP_PORTS[$n]}</tcp_port>
  <interserver_http_port>${INTER_PORTS[$n]}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers>
    <tradeties_2shards>
      <shard><replica><host>127.0.0.1</host><port>${TCP_PORTS[0]}</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>${TCP_PORTS[1]}</port></replica></shard>
    </tradeties_2shards>
    <tradeties_1shard>
      <shard><replica><host>127.0.0.1</host><port>${TCP_PORTS[0]}</port></replica></shard>
    </tradeties_1shard>
  </remote_servers>
</yandex>
XML
}

answers() { curl -fsS "http://127.0.0.1:$1/ping" >/dev/null 2>&1; }

start() {
  if ! command -v clickhouse-server >/dev/null 2>&1 || ! command -v clickhouse-client >/dev/null 2>&1; then
    echo "installing clickhouse-server clickhouse-client from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
  fi
  for n in 0 1; do
    if answers "${HTTP_PORTS[$n]}"; then echo "clickhouse shard $((n + 1)) already answers on ${HTTP_PORTS[$n]}"; continue; fi
    local dir=$CH_DIR/s$n
    mkdir -p "$dir"/{data,tmp,log,user_files,format_schemas}
    config "$n" >"$dir/config.xml"
    clickhouse-server --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
    echo $! >"$dir/pid"
  done
  for n in 0 1; do
    for _ in $(seq 1 60); do answers "${HTTP_PORTS[$n]}" && break; sleep 0.5; done
    if ! answers "${HTTP_PORTS[$n]}"; then
      echo "clickhouse shard $((n + 1)) did not answer on ${HTTP_PORTS[$n]}; its log:" >&2
      tail -n 30 "$CH_DIR/s$n/log/stdout.log" "$CH_DIR/s$n/log/error.log" >&2 || true
      exit 1
    fi
  done
  echo "clickhouse $(curl -fsS 'http://127.0.0.1:18123/?query=SELECT%20version()') 2-shard cluster up: HTTP ${HTTP_PORTS[*]}"
}

stop() {
  for n in 0 1; do
    local pidfile=$CH_DIR/s$n/pid
    [ -f "$pidfile" ] || continue
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$CH_DIR"
}

env_vars() {
  echo "export TRADETIES_CLICKHOUSE_URL=clickhouse://127.0.0.1:${HTTP_PORTS[0]}"
  echo "export TRADETIES_CLICKHOUSE_SHARDS=127.0.0.1:${HTTP_PORTS[0]},127.0.0.1:${HTTP_PORTS[1]}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) env_vars ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
