#!/bin/sh
# Pre-deploy backup of the inventory database: `pg_dump --format=custom` to BACKUP_PATH, for a
# hook Job that runs before the migration Job. Restore with
#   pg_restore --dbname=<fresh database> --no-owner --exit-on-error <file>
#
# Environment:
#   BACKUP_PATH  the file to write, or an existing folder (the file is then
#                <folder>/<database>-<UTC time>.dump); written as <file>.partial first and
#                renamed only once complete and readable by pg_restore
#   PGHOST, PGPORT, PGUSER, PGDATABASE, and PGPASSWORD (from a Secret) or PGPASSFILE:
#                libpq's own variables, so no password is on a command line or in the log
#
# Exit codes: 0 written; 1 pg_dump, psql or pg_restore failed; 2 BACKUP_PATH unset, or this
# pg_dump is older than the server (pg_dump refuses newer servers: run the Job in an image
# whose pg_dump is at least the server's major version, such as postgres:<major>).
set -eu

if [ -z "${BACKUP_PATH:-}" ]; then
  echo "backup: BACKUP_PATH is not set: expected the file (or existing folder) to write the dump to" >&2
  exit 2
fi
database="${PGDATABASE:-${PGUSER:-postgres}}"
target="$BACKUP_PATH"
if [ -d "$target" ]; then
  target="${target%/}/${database}-$(date -u +%Y%m%dT%H%M%SZ).dump"
fi

client_major=$(pg_dump --version | sed -n 's/^pg_dump (PostgreSQL) \([0-9][0-9]*\).*/\1/p')
server_number=$(psql --no-psqlrc --no-align --tuples-only --set=ON_ERROR_STOP=1 --command='SHOW server_version_num')
server_major=$((server_number / 10000))
if [ -z "$client_major" ] || [ "$client_major" -lt "$server_major" ]; then
  echo "backup: pg_dump ${client_major:-of unknown version} cannot dump a PostgreSQL $server_major server: run this Job in an image whose pg_dump is $server_major or newer (for example postgres:$server_major)" >&2
  exit 2
fi

partial="$target.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --file="$partial"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$target"
trap - EXIT
echo "backup: wrote $target ($(wc -c <"$target" | tr -d ' ') bytes) of database $database, PostgreSQL $server_major, with pg_dump $client_major"
