#!/usr/bin/env bash
# Starts Debian's PostgreSQL when it is not running and creates the role and database the store tests use
# (role capstan, password capstan, database capstan_test, on 127.0.0.1:5432). Idempotent.
set -euo pipefail

if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  pg_createcluster "$version" main >/dev/null
fi
read -r version cluster _ status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 || { echo "postgres.sh: PostgreSQL did not start; see /var/log/postgresql/" >&2; exit 1; }

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -tAc \"$1\""; }
[ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'capstan'")" = 1 ] \
  || psql_admin "CREATE ROLE capstan LOGIN PASSWORD 'capstan'" >/dev/null
[ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'capstan_test'")" = 1 ] \
  || psql_admin "CREATE DATABASE capstan_test OWNER capstan" >/dev/null
