#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 (trust auth for the postgres user),
# or the server named by TRUESHELF_TEST_DATABASE_URL. Installs and starts one when none does.
set -euo pipefail

if [ -n "${TRUESHELF_TEST_DATABASE_URL:-}" ]; then
  echo "== PostgreSQL from TRUESHELF_TEST_DATABASE_URL"
  exit 0
fi

answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if answers; then
  echo "== PostgreSQL answers on 127.0.0.1:5432"
  exit 0
fi

if ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "== starting the installed PostgreSQL cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

if ! answers; then
  echo "== installing PostgreSQL from Debian packages into a throwaway data directory"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin="$(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  data="$(mktemp -d /tmp/trueshelf-pg-XXXXXX)"
  chown postgres "$data"
  su postgres -c "$bin/initdb -D $data -A trust -U postgres >/dev/null"
  su postgres -c "$bin/pg_ctl -D $data -o '-c listen_addresses=127.0.0.1 -p 5432' -l $data/log start >/dev/null"
fi

for _ in $(seq 1 30); do answers && exit 0; sleep 1; done
echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
exit 1
