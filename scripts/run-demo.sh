#!/usr/bin/env bash
# Installs, builds, makes a demo organisation if there is none, and runs
# candourd on 127.0.0.1:7443 with its RocksDB under ./var. Keys live in ./demo,
# outside the data dir. Ctrl-C stops the server cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh

LISTEN=${CANDOUR_LISTEN:-127.0.0.1:7443}
DEMO=demo
DATA=var
CANDOUR=./build/clients/candour
CANDOURD=./build/services/candourd

if [ ! -f "$DEMO/directory.signed" ]; then
  rm -rf "$DEMO"
  mkdir -p "$DEMO"
  "$CANDOUR" admin init --name "Demo NHS Foundation Trust" --out "$DEMO/org" \
      --passphrase-out "$DEMO/org/passphrase.txt" >/dev/null
  "$CANDOUR" guardian keygen --name "Demo Guardian" --out "$DEMO/guardian" \
      --passphrase-out "$DEMO/guardian/passphrase.txt" >/dev/null
  "$CANDOUR" guardian aggregation-key --recipients "$DEMO/guardian/demo-guardian.pub" \
      --out "$DEMO/org/aggregation.txtpb" >/dev/null
  cat >> "$DEMO/org/directory.txtpb" <<'DEPARTMENTS'
departments { id: 1 name: "Emergency Department" directorate: "Urgent and Emergency Care" headcount: 140 site: "Royal Infirmary" }
departments { id: 2 name: "Acute Medical Unit" directorate: "Urgent and Emergency Care" headcount: 85 site: "Royal Infirmary" }
departments { id: 3 name: "Maternity" directorate: "Women and Children" headcount: 120 site: "Royal Infirmary" }
departments { id: 4 name: "Neonatal Unit" directorate: "Women and Children" headcount: 9 site: "Royal Infirmary" }
departments { id: 5 name: "Theatres" directorate: "Surgery" headcount: 160 site: "General Hospital" }
departments { id: 6 name: "Estates and Facilities" directorate: "Corporate Services" headcount: 70 site: "" }
DEPARTMENTS
  "$CANDOUR" admin directory sign "$DEMO/org/directory.txtpb" \
      --include "$DEMO/guardian/demo-guardian.pub" --include "$DEMO/org/aggregation.txtpb" \
      --key "$DEMO/org/organisation.key" --passphrase-file "$DEMO/org/passphrase.txt" \
      --out "$DEMO/directory.signed" >/dev/null
  pin=$(sed -n 's/^# fingerprint: //p' "$DEMO/org/organisation.pub")
  cat > "$DEMO/candour.conf" <<CONF
server = $LISTEN
pin = $pin
state_file = $DEMO/client-state
CONF
  echo "run-demo: made a demo organisation in ./$DEMO"
fi

# A new data dir has no accounts yet, whatever ./demo remembers.
[ -d "$DATA" ] || rm -f "$DEMO/accounts.done"
mkdir -p "$DATA"
admin_code=
if [ ! -f "$DEMO/accounts.done" ]; then
  # The first admin's invitation is made on this host, before candourd runs.
  admin_code=$("$CANDOURD" admin bootstrap --name demo-admin --config "$DEMO/org/organisation.pub" \
      --data-dir "$DATA" 2>/dev/null | sed -n 's/^    \([0-9a-z-]\{23\}\)$/\1/p' || true)
fi

"$CANDOURD" --config "$DEMO/org/organisation.pub" --listen "$LISTEN" --data-dir "$DATA" \
    --port-file "$DEMO/port" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server' INT TERM
for _ in $(seq 100); do
  "$CANDOUR" --config "$DEMO/candour.conf" admin directory publish "$DEMO/directory.signed" >/dev/null 2>&1 && break
  # Already published (a restart): fine. Only retry while the server is starting.
  "$CANDOUR" --config "$DEMO/candour.conf" admin directory show >/dev/null 2>&1 && break
  # Published but expired (the demo is over a month old): renew it.
  "$CANDOUR" --config "$DEMO/candour.conf" admin directory renew --key "$DEMO/org/organisation.key" \
      --passphrase-file "$DEMO/org/passphrase.txt" >/dev/null 2>&1 && break
  sleep 0.1
done

if [ -n "$admin_code" ]; then
  rm -rf "$DEMO/admin"
  mkdir -p "$DEMO/admin"
  "$CANDOUR" --config "$DEMO/candour.conf" account accept --name demo-admin --code-file - \
      --passphrase-out "$DEMO/admin/passphrase.txt" <<<"$admin_code" >/dev/null
  guardian_code=$("$CANDOUR" --config "$DEMO/candour.conf" admin invite --account demo-admin \
      --passphrase-file "$DEMO/admin/passphrase.txt" --name demo-guardian --role guardian \
      | sed -n 's/^    \([0-9a-z-]\{23\}\)$/\1/p')
  # The Guardian's account shares the key's generated passphrase: one to remember.
  "$CANDOUR" --config "$DEMO/candour.conf" account accept --name demo-guardian --code-file - \
      --passphrase-file "$DEMO/guardian/passphrase.txt" <<<"$guardian_code" >/dev/null
  touch "$DEMO/accounts.done"
  echo "run-demo: made the accounts demo-admin and demo-guardian"
fi

cat <<MSG

Candour is running on $LISTEN (data in ./$DATA, keys in ./$DEMO).
Demo Guardian key:        $DEMO/guardian/demo-guardian.key (account demo-guardian)
Demo Guardian passphrase: $(cat "$DEMO/guardian/passphrase.txt")
Demo admin passphrase:    $DEMO/admin/passphrase.txt (account demo-admin)
Organisation fingerprint: $(sed -n 's/^# fingerprint: //p' "$DEMO/org/organisation.pub")

Try, in another terminal:
  ./build/clients/candour --config $DEMO/candour.conf report
  ./build/clients/candour --config $DEMO/candour.conf admin directory show

MSG
wait $server
