# shellcheck shell=bash
# Helpers shared by the bench/*.sh scripts (sourced, not run). A benchmark that cannot run says why
# on stderr and exits 1; a build that fails shows Maven's output instead of exiting silently.
#   bench_die MESSAGE...             print "<bench>: MESSAGE" on stderr, exit 1
#   bench_need_cmd CMD HINT          CMD must be on PATH
#   bench_need_file FILE HINT        FILE must exist
#   bench_need_python PY MODULE...   the interpreter PY must import every MODULE
#   bench_need_java                  a Java 17+ runtime on PATH
#   bench_mvn ARGS...                mvn -B -ntp -q ARGS: offline first (fast, no network), online
#                                    when offline fails (a plugin such as maven-dependency-plugin is
#                                    not in ~/.m2 yet on a fresh machine); on failure, Maven's output
#   bench_classpath MODULE DIR       test-compiles MODULE and what it needs, prints its class path
#                                    (test classes, classes, dependencies); DIR holds cp.txt
# Usage: bench_name=ctc.sh; . "$(dirname "$0")/lib.sh"   (bench_name defaults to the caller's name)

bench_name=${bench_name:-$(basename "${BASH_SOURCE[1]:-bench}")}

bench_die() {
  echo "$bench_name: $*" >&2
  exit 1
}

bench_need_cmd() {
  command -v "$1" >/dev/null 2>&1 || bench_die "cannot run: $1 is not on PATH; $2"
}

bench_need_file() {
  [[ -e $1 ]] || bench_die "cannot run: $1 is missing; $2"
}

bench_need_python() {
  local py=$1 m
  shift
  command -v "$py" >/dev/null 2>&1 ||
    bench_die "cannot run: no $py for the reference side; install python3 and its modules with" \
      "scripts/install-deps.sh --reference"
  local missing=()
  for m in "$@"; do
    "$py" -c "import $m" >/dev/null 2>&1 || missing+=("$m")
  done
  ((${#missing[@]} == 0)) ||
    bench_die "cannot run: $py cannot import ${missing[*]}; install them with" \
      "scripts/install-deps.sh --reference (Debian's python3-torch, python3-torchaudio, python3-numpy)"
}

bench_need_java() {
  bench_need_cmd java "install a JDK 17 (scripts/install-deps.sh --test)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [[ ! $v =~ ^[0-9]+$ ]] || ((v < 17)); then
    bench_die "cannot run: java on PATH is version '${v:-unknown}', Java 17 or later is needed"
  fi
}

bench_mvn() {
  bench_need_cmd mvn "install Maven (scripts/install-deps.sh --test)"
  local log
  log=$(mktemp)
  if mvn -B -ntp -q -o -Dspotless.check.skip=true "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  echo "$bench_name: offline build failed (something not in ~/.m2 yet?); retrying online. It said:" >&2
  grep -m 3 -F '[ERROR]' "$log" | cut -c1-300 >&2 || true
  if mvn -B -ntp -q -Dspotless.check.skip=true "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  echo "$bench_name: cannot run: the build failed: mvn -B -ntp -q $*" >&2
  cat "$log" >&2
  rm -f "$log"
  exit 1
}

bench_classpath() {
  local module=$1 dir=$2
  # with -am every module writes cp.txt in turn; the requested module comes last
  bench_mvn -pl "$module" -am test-compile dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt"
  [[ -s $dir/cp.txt ]] || bench_die "cannot run: Maven wrote no class path for $module"
  echo "$module/target/test-classes:$module/target/classes:$(cat "$dir/cp.txt")"
}
