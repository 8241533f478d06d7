#!/usr/bin/env bash
# Dev-only check: renders a `metka cooccur --format html` report in headless Chromium (Debian
# package `chromium`) to a PNG, and checks in the rendered DOM that the page ran (tables filled)
# and that no injected markup from entity names executed (no data-pwned attribute on <body>,
# see Tests/Fixtures/cooccur/hostile.jsonl).
#
# Usage: Scripts/cooccur/render_html.sh REPORT.html OUT.png
# Then look at OUT.png: nodes (coloured circles) and their labels must be drawn.
set -euo pipefail
html=$(realpath "$1")
png=$(realpath -m "$2")
command -v chromium >/dev/null || { echo "chromium not installed (apt-get install chromium)" >&2; exit 2; }
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --disable-background-networking --window-size=1400,1000 --virtual-time-budget=5000)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium "${flags[@]}" --user-data-dir="$profile" --screenshot="$png" "file://$html" >/dev/null 2>&1
test -s "$png" || { echo "FAIL: no screenshot written" >&2; exit 1; }
dom=$(chromium "${flags[@]}" --user-data-dir="$profile" --dump-dom "file://$html" 2>/dev/null)
rows=$(grep -o '<tr' <<<"$dom" | wc -l)
if grep -Eq '<body[^>]*data-pwned' <<<"$dom"; then echo "FAIL: injected markup executed" >&2; exit 1; fi
if [ "$rows" -lt 3 ]; then echo "FAIL: tables are empty ($rows rows): the script did not run" >&2; exit 1; fi
note=$(grep -o 'Showing [0-9]* entities and [0-9]* pairs' <<<"$dom" || true)
echo "ok: $png written; DOM has $rows table rows; '$note'; no injected markup executed"
