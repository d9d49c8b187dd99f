# `bash bench/run --large`: Coboard on a generated board the size years of work reach
# (`coboard seed --size large`), on SQLite and then on a fresh PostgreSQL database.
#
# Sourced by bench/run after it has built the release server; uses its BIN, WORK, NGINX,
# SECONDS_EACH, measure, free_port, json, SERVER_PID, NGINX_PID and DROP_DB (its
# cleanup stops what is started here and drops the database on exit). For each database:
#
#   1. a fresh data folder (or database), the first account made with `coboard user add --board`
#      (so it is the board's co-chair, who may read every group's papers), then
#      `coboard seed --size large`, timed;
#   2. the busiest pages (the document with 200 comments signed in, the comparison of the
#      20,000-word policy's first and last versions, the public You Said We Did list, search
#      signed in and out), each first counted (statements one request sends, from a server run
#      with COBOARD_PRINT_SQL=1, once it is quiet: the first request and the next one), then
#      measured with wrk at 16 and 32 connections beside nginx serving the same bytes; comment
#      posts through the API one after another; the server's peak memory;
#   3. LARGE_STREAMS (10,000) open live-event streams: memory before, after and per stream,
#      whether any were refused, the CPU they cost while idle, and how long one comment takes
#      to reach them all;
#   4. on SQLite only: LARGE_RATE (200) comment posts a second for LARGE_RATE_SECONDS (60)
#      through the API, open loop, from LARGE_POSTERS (300) generated people, each with a token,
#      into the threads of their own groups.
#
# Every wait is bounded and all traffic goes to 127.0.0.1. LARGE_DATABASES=postgres (or sqlite)
# measures one database only; LARGE_SIZE=small runs the same steps on a small board in a minute
# or two, to try the script.

LARGE_DATABASES="${LARGE_DATABASES:-sqlite postgres}"  # or just one of them
LARGE_SIZE="${LARGE_SIZE:-large}"
LARGE_STREAMS="${LARGE_STREAMS:-10000}"
LARGE_RATE="${LARGE_RATE:-200}"
LARGE_RATE_SECONDS="${LARGE_RATE_SECONDS:-60}"
LARGE_POSTERS="${LARGE_POSTERS:-300}"
LARGE_QUERY="${LARGE_QUERY:-payments}"
LARGE_POSTS_IN_TURN="${LARGE_POSTS_IN_TURN:-100}"

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
vm() { awk -v k="$2:" '$1 == k {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# Starts the server with the environment already exported (plus any NAME=value given), logging to
# $1, and waits (at most 120 s) for /healthz. Sets SERVER_PID, and LARGE_READY to the seconds it took.
large_start() { # log [NAME=value...]
  local log="$1"; shift
  local t0; t0="$(now)"
  env "$@" "$BIN" serve >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    curl -fs "$LARGE_BASE/healthz" >/dev/null 2>&1 && { LARGE_READY="$(since "$t0")"; return 0; }
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  printf 'The server did not answer /healthz within 120 s; the end of its log:\n' >&2
  tail -n 20 "$log" >&2
  return 1
}

large_stop() {
  [ -n "$SERVER_PID" ] && { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  SERVER_PID=""
}

sql_lines() { grep -c '^SQL ' "$1" || true; }

# Waits (at most 60 s) until the server has printed no statement for a second and a half, so
# what is counted next is one request's and not a job's (papers falling due run at start).
sql_quiet() { # log
  local before after
  for _ in $(seq 1 40); do
    before="$(sql_lines "$1")"; sleep 1.5; after="$(sql_lines "$1")"
    [ "$before" = "$after" ] && return 0
  done
}

# The generated people who may post (members of an active group), each with ten of the threads
# of their groups (the newest 50 of each group), from the SQLite file: "email thread thread ...",
# LARGE_POSTERS lines.
large_posters() { # sqlite_file
  python3 - "$1" "$LARGE_POSTERS" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
want = int(sys.argv[2])
text = lambda v: str(uuid.UUID(bytes=v)) if isinstance(v, bytes) else str(v)
active = {row[0] for row in db.execute("SELECT id FROM spaces WHERE kind = 'group' AND status = 'active'")}
threads = {}
for space, tid in db.execute("SELECT space_id, id FROM threads WHERE resolved_at IS NULL ORDER BY created_at DESC"):
    if space in active and len(threads.setdefault(space, [])) < 50:
        threads[space].append(text(tid))
people = {}
for email, space in db.execute("SELECT p.email, m.space_id FROM memberships m JOIN people p ON p.id = m.person_id "
                               "WHERE p.email LIKE 'seeded-person-%' AND m.role IN ('member', 'co_chair')"):
    if space in threads:
        people.setdefault(email, []).extend(threads[space])
number = lambda e: int(e.split("-")[2].split("@")[0])
for email in sorted(people, key=number)[:want]:
    mine = people[email]
    # Ten of their groups' threads, starting at a different place for each person.
    start = number(email) * 7 % len(mine)
    print(email, *(mine[(start + k) % len(mine)] for k in range(min(10, len(mine)))))
PY
}

large_database() { # name database_url
  local name="$1" url="$2"
  local data="$WORK/large-$name"; mkdir -p "$data/static"
  local port; port="$(free_port)"
  export COBOARD_DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn
  if [ -n "$url" ]; then export DATABASE_URL="$url"; else unset DATABASE_URL; fi
  LARGE_BASE="http://127.0.0.1:$port"
  local base="$LARGE_BASE"
  printf '\n### %s, large board\n\nLoad average at the start: %s.\n\n' "$name" "$(cut -d' ' -f1-3 /proc/loadavg)"

  # 1. The board: the first account (co-chair of the board it creates), then the generator.
  echo 'bench password 2026' | "$BIN" user add --email bench@example.org --name "Bench Mark" --perspective staff \
    --board "Bench Direct Payments Board" --password-stdin >/dev/null
  local t0; t0="$(now)"
  "$BIN" seed --size "$LARGE_SIZE" >"$data/seed.log"
  local seeded; seeded="$(since "$t0")"
  local busy compare long
  busy="$(sed -n 's|.*most discussed document: /documents/||p' "$data/seed.log")"
  compare="$(sed -n 's|.*The long policy: ||p' "$data/seed.log")"
  long="$(printf '%s' "$compare" | sed -n 's|^/documents/\([^/]*\)/compare.*|\1|p')"
  if [ -z "$busy" ] || [ -z "$long" ]; then
    printf 'The generator did not say where its busiest pages are; its output:\n'; cat "$data/seed.log"; return 1
  fi
  local size
  if [ -n "$url" ]; then
    size="$(psql -h 127.0.0.1 -U postgres -d test -Atc "SELECT pg_size_pretty(pg_database_size('${url##*/}'))")"
  else
    size="$(du -sh "$data" | cut -f1)"
  fi
  printf '| step | figure |\n|---|---|\n'
  printf '| `coboard seed --size %s` | %s s (%s) |\n' "$LARGE_SIZE" "$seeded" "$(grep '^Generated' "$data/seed.log" | sed 's/^Generated a board of //; s/\.$//')"
  printf '| database size after seeding | %s |\n' "$size"
  local token; token="$("$BIN" token create --email bench@example.org --name bench)"

  # Tokens for the generated people who will post (SQLite: the sustained-rate run below).
  if [ -z "$url" ]; then
    t0="$(now)"
    : >"$data/posters.txt"
    local email threads_of tok made=0
    while read -r email threads_of; do
      tok="$("$BIN" token create --email "$email" --name load)" || continue
      printf '%s %s\n' "$tok" "$threads_of" >>"$data/posters.txt"
      made=$((made + 1))
    done < <(large_posters "$data/coboard.db")
    printf '| tokens for %s generated people (`coboard token create`, one after another) | %s s |\n' "$made" "$(since "$t0")"
  fi

  # 2a. Statements per request, from a server that prints each one. Its jobs (papers that fall
  # due) run once as it starts, then not for a day, so they are never counted as a page's.
  large_start "$data/sql.log" COBOARD_PRINT_SQL=1 COBOARD_JOBS_EVERY_SECS=86400
  printf '| server start to /healthz answering (migrations, search-index check) | %s s |\n' "$LARGE_READY"
  local cookie
  cookie="$(curl -s -o /dev/null -D - -H "Origin: $base" --data-urlencode 'email=bench@example.org' --data-urlencode 'password=bench password 2026' "$base/sign-in" \
    | awk -F'[:;] *' 'tolower($1)=="set-cookie" {print $2; exit}')"
  [ -n "$cookie" ] || { printf 'Signing in failed.\n'; return 1; }
  local busy_thread
  busy_thread="$(curl -fs -H "Authorization: Bearer $token" "$base/api/v1/threads?target_type=document&target_id=$busy&limit=200" | json 'd["items"][0]["id"]')"
  local comments_on_busy
  comments_on_busy="$(curl -fs -H "Authorization: Bearer $token" "$base/api/v1/threads?target_type=document&target_id=$busy&limit=200" \
    | json 'sum(t["comment_count"] for t in d["items"])')"

  # label | path | signed in?
  local pages=(
    "document with ${comments_on_busy} comments, signed in|/documents/$busy|yes"
    "comparison of the long policy, first to last version, signed in|$compare|yes"
    "/you-said-we-did, signed out|/you-said-we-did|no"
    "/search?q=$LARGE_QUERY, signed in|/search?q=$LARGE_QUERY|yes"
    "/search?q=$LARGE_QUERY, signed out|/search?q=$LARGE_QUERY|no"
  )
  printf '\n| page | status | bytes | first request ms | again ms | statements, first request | again | page cache |\n'
  printf '|---|---|---|---|---|---|---|---|\n'
  local i=0 entry label path signed who n0 n1 n2 first again cache code bytes
  for entry in "${pages[@]}"; do
    IFS='|' read -r label path signed <<<"$entry"
    who=(); [ "$signed" = yes ] && who=(-H "Cookie: $cookie")
    sql_quiet "$data/sql.log"
    n0="$(sql_lines "$data/sql.log")"
    read -r code bytes first < <(curl -s "${who[@]}" -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' --max-time 60 "$base$path")
    sleep 0.5; n1="$(sql_lines "$data/sql.log")"
    cache="$(curl -s "${who[@]}" -D "$data/headers" -o "$data/static/p$i.html" -w '%{time_total}' --max-time 60 "$base$path")"
    again="$cache"
    sleep 0.5; n2="$(sql_lines "$data/sql.log")"
    cache="$(awk -F': *' 'tolower($1)=="x-coboard-cache" {gsub("\r",""); print $2}' "$data/headers")"
    printf '| %s | %s | %s | %.1f | %.1f | %s | %s | %s |\n' "$label" "$code" "$bytes" "$(python3 -c "print($first*1000)")" \
      "$(python3 -c "print($again*1000)")" "$((n1 - n0))" "$((n2 - n1))" "${cache:-none}"
    i=$((i + 1))
  done
  # One comment through the API, counted the same way.
  sql_quiet "$data/sql.log"
  n0="$(sql_lines "$data/sql.log")"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"body": "Counting statements."}' "$base/api/v1/threads/$busy_thread/comments")"
  sleep 0.5; n1="$(sql_lines "$data/sql.log")"
  printf '| `POST /api/v1/threads/{id}/comments` | %s | | | | %s | | |\n' "$code" "$((n1 - n0))"
  large_stop

  # 2b. Load, beside nginx serving the same bytes.
  large_start "$data/server.log"
  local nport; nport="$(free_port)"
  cat >"$data/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $data/nginx.pid;
error_log $data/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$nport;
    root $data/static;
  }
}
NGINX
  "$NGINX" -c "$data/nginx.conf" -p "$data" &
  NGINX_PID=$!
  sleep 0.5
  printf '\n| page | connections | requests/s | p50 ms | p95 ms | p99 ms | static requests/s | ratio | failed | requests | server peak MB so far |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
  local c rps p50 p95 p99 failed total srps ratio
  i=0
  for entry in "${pages[@]}"; do
    IFS='|' read -r label path signed <<<"$entry"
    who=""; [ "$signed" = yes ] && who="$cookie"
    for c in 16 32; do
      read -r rps p50 p95 p99 failed total < <(measure "$base$path" "$label" "$c" "$who")
      read -r srps _ < <(measure "http://127.0.0.1:$nport/p$i.html" "$label" "$c")
      ratio="$(python3 -c "print(f'{$rps/$srps:.3f}')")"
      # wrk counts only requests that finished inside the run: none finished means none, not 0 ms.
      [ "$total" = 0 ] && { p50="none finished in ${SECONDS_EACH} s"; p95="-"; p99="-"; }
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$c" "$rps" "$p50" "$p95" "$p99" "$srps" "$ratio" "$failed" "$total" "$(vm "$SERVER_PID" VmHWM)"
    done
    i=$((i + 1))
  done
  kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""

  # Comments through the API, one after another, on one keep-alive connection.
  python3 - "$port" "$token" "$busy_thread" "$LARGE_POSTS_IN_TURN" <<'PY'
import http.client, json, sys, time
port, token, thread, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
times, codes = [], {}
for i in range(n):
    start = time.perf_counter()
    c.request("POST", f"/api/v1/threads/{thread}/comments", body=json.dumps({"body": f"Comment {i} in turn."}),
              headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    codes[r.status] = codes.get(r.status, 0) + 1
    if r.status == 201:
        times.append((time.perf_counter() - start) * 1000)
times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")
print(f"\nComments posted through the API one after another: {len(times)} of {n} posted (statuses {codes}); "
      f"p50 {pick(0.5):.1f} ms, p95 {pick(0.95):.1f} ms, p99 {pick(0.99):.1f} ms, max {times[-1] if times else float('nan'):.1f} ms.")
PY
  printf 'Peak server memory (VmHWM) after the pages and posts: %s MB (resident now %s MB).\n' "$(vm "$SERVER_PID" VmHWM)" "$(vm "$SERVER_PID" VmRSS)"

  # 3. Open live-event streams.
  printf '\n%s open live-event streams (`GET /api/v1/events`, one person'"'"'s token), held from one client process:\n\n' "$LARGE_STREAMS"
  printf '| streams | figure |\n|---|---|\n'
  python3 bench/large_streams.py "$port" "$SERVER_PID" "$token" "$LARGE_STREAMS" "$busy_thread" 20 || printf '| the stream client failed | exit %s |\n' "$?"
  # The server notices a closed stream when it next writes to it: wait (at most 40 s) until
  # it has let them go, so they do not weigh on what follows.
  local left
  for _ in $(seq 1 80); do
    left="$(ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l)"
    [ "$left" -lt 5 ] && break
    sleep 0.5
  done
  printf '| connections the server still held after the client closed them (waited up to 40 s) | %s |\n' "$left"

  # 4. A sustained rate of comment posts (SQLite).
  if [ -z "$url" ] && [ -s "$data/posters.txt" ]; then
    printf '\n%s comment posts a second for %s s through the API (open loop, latency from when each was due):\n\n' "$LARGE_RATE" "$LARGE_RATE_SECONDS"
    printf '| sent | succeeded | errors by status | sent per s | succeeded per s | p50 ms | p95 ms | p99 ms | max ms | people | threads | connections | sender late by at most, ms | waited for one of 256 connections |\n'
    printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
    python3 bench/large_posts.py "$port" "$data/posters.txt" "$LARGE_RATE" "$LARGE_RATE_SECONDS"
  fi
  # What went wrong on the server's side, from both servers' logs (warnings and above).
  local log panics errors
  for log in "$data/sql.log" "$data/server.log"; do
    panics="$(grep -c 'panicked' "$log" || true)"
    errors="$(grep -v '^SQL ' "$log" | grep -cE '\b(WARN|ERROR)\b' || true)"
    printf '\n%s: %s panics, %s warnings or errors logged.' "$(basename "$log")" "$panics" "$errors"
    if [ "$panics" -gt 0 ]; then
      # Each panic: where, what, and the first frame in Coboard's own code (RUST_BACKTRACE=1).
      printf '\n'; { awk '/panicked at/ {sub(/ \([0-9]+\)/, ""); where=$0; getline; what=$0; frame=""; next}
        where != "" && frame == "" && /(app|domain|server)::/ {frame=$0; sub(/^ *[0-9]+: */, "", frame); print where " " what " (in " frame ")"; where=""}
        END {if (where != "") print where " " what}' "$log" | sort | uniq -c | sort -rn | head -n 6 | sed 's/^/    /'; } || true
    fi
    if [ "$errors" -gt 0 ]; then
      printf '\n'; { grep -v '^SQL ' "$log" | grep -E '\b(WARN|ERROR)\b' | sed -E 's/\x1b\[[0-9;]*m//g; s/^[^ ]* *//; s/[0-9]+(\.[0-9]+)?/N/g' | cut -c1-160 | sort | uniq -c | sort -rn | head -n 4 | sed 's/^/    /'; } || true
    fi
  done
  printf '\n'
  printf 'Peak server memory (VmHWM) over the whole run: %s MB. Load average at the end: %s.\n' "$(vm "$SERVER_PID" VmHWM)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  large_stop
}

large_main() {
  # Room for LARGE_STREAMS sockets in the server and in the client (inherited by both).
  ulimit -n "$((LARGE_STREAMS * 2 + 4096))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  printf '\nCoboard benchmark, large board, %s, %s, %s cores, %ss per wrk run (wrk -t2), open files %s\n' \
    "$(date -u +%Y-%m-%d)" "$(uname -m)" "$(nproc)" "$SECONDS_EACH" "$(ulimit -n)"
  case " $LARGE_DATABASES " in *" sqlite "*) large_database sqlite "" ;; esac
  case " $LARGE_DATABASES " in *" postgres "*) ;; *) return 0 ;; esac
  if command -v psql >/dev/null && psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
    export PGOPTIONS='--client-min-messages=warning'
    DROP_DB=coboard_bench_large
    psql -h 127.0.0.1 -U postgres -d test -qc 'DROP DATABASE IF EXISTS coboard_bench_large WITH (FORCE)' -c 'CREATE DATABASE coboard_bench_large' >/dev/null
    large_database postgres "postgres://postgres@127.0.0.1:5432/coboard_bench_large"
    psql -h 127.0.0.1 -U postgres -d test -qc 'DROP DATABASE IF EXISTS coboard_bench_large WITH (FORCE)' >/dev/null
    DROP_DB=""
  else
    printf '\nPostgreSQL is not reachable on 127.0.0.1:5432, so only SQLite was measured.\n'
  fi
}
