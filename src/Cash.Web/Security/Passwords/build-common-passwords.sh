#!/usr/bin/env bash
# Rebuilds common-passwords.txt.gz from the npm package named in NOTICE.txt plus the hand-written
# supplement. Run by hand when updating the list; the app never downloads anything.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
package="@zxcvbn-ts/language-common@4.1.3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)

{
  python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))))' "$work/package/src/passwords.json"
  grep -v '^#' "$here/common-passwords-supplement.txt"
} | python3 -c '
import sys, unicodedata
entries = {unicodedata.normalize("NFKC", line).strip().lower() for line in sys.stdin}
entries.discard("")
sys.stdout.write("".join(e + "\n" for e in sorted(entries)))
' | gzip -9 -n > "$here/common-passwords.txt.gz"

echo "$(gzip -dc "$here/common-passwords.txt.gz" | wc -l) entries written to common-passwords.txt.gz"
