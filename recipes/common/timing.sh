#!/usr/bin/env bash
# Stage timing for the recipes (sourced by run.sh after its options are parsed; needs $recipe).
# stage_begin N NAME / stage_end append "stage name seconds finished" to exp/RECIPE/stage_times.tsv;
# timed N CMD... runs CMD under GNU time and appends "stage seconds peak_kib" to
# exp/RECIPE/stage_rss.tsv. A re-run appends again: recipes/common/results.sh reads the last row of
# each stage (and the GNU time files of stages 3-4 that recipes/common/system.sh writes).
stage_dir="exp/${recipe:?timing.sh needs \$recipe}"
mkdir -p "$stage_dir"
stage_begin() {
  _stage_id="$1"
  _stage_name="$2"
  _stage_t0=$(date +%s)
  echo "=== stage $1: $2 ($(date -u +%T))"
}
stage_end() {
  printf '%s\t%s\t%s\t%s\n' "$_stage_id" "$_stage_name" "$(($(date +%s) - _stage_t0))" \
    "$(date -u +%FT%TZ)" >> "$stage_dir/stage_times.tsv"
}
timed() {
  local id="$1"
  shift
  /usr/bin/time -f "$id	%e	%M" -a -o "$stage_dir/stage_rss.tsv" "$@"
}
