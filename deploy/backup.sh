#!/bin/sh
# Nightly backup: PostgreSQL custom-format dump, or SQLite online .backup. Keeps 14 days.
# Restore PostgreSQL: pg_restore --clean --if-exists -d "$SMAJOB_DATABASE_URL" FILE.dump
# Restore SQLite: stop both services, copy the FILE.sqlite3 over the database file, start them.
set -eu
. /etc/smajob/smajob.env
dir=${BACKUP_DIR:-/var/backups/smajob}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dir"
case "$SMAJOB_DATABASE_URL" in
  postgresql*) pg_dump --format=custom --file="$dir/smajob-$stamp.dump" "$SMAJOB_DATABASE_URL" ;;
  sqlite:///*) sqlite3 "${SMAJOB_DATABASE_URL#sqlite:///}" ".backup '$dir/smajob-$stamp.sqlite3'" ;;
  *) echo "unknown database URL" >&2; exit 1 ;;
esac
find "$dir" -name 'smajob-*' -mtime +14 -delete
