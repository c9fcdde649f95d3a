#!/usr/bin/env bash
# Kaldi-style option parsing for recipes: `--stop-stage 3` sets the variable stop_stage, which must
# already exist (so typos fail loudly). Source it after setting defaults:  . ../common/parse_options.sh
# `--help` prints the variables the recipe accepts (its $help_vars) and exits.
while (($# > 0)); do
  case "$1" in
    --help|-h)
      echo "usage: $0 [--name value ...]; options and defaults:" >&2
      for v in ${help_vars:-}; do echo "  --${v//_/-} ${!v}" >&2; done
      exit 0 ;;
    --*=*)
      name="${1%%=*}"; name="${name#--}"; name="${name//-/_}"; value="${1#*=}"; shift ;;
    --*)
      name="${1#--}"; name="${name//-/_}"
      if (($# < 2)); then echo "$0: option $1 needs a value" >&2; exit 2; fi
      value="$2"; shift 2 ;;
    *) echo "$0: unexpected argument '$1' (options are --name value)" >&2; exit 2 ;;
  esac
  if ! declare -p "$name" >/dev/null 2>&1; then
    echo "$0: unknown option --${name//_/-} (see --help)" >&2; exit 2
  fi
  printf -v "$name" '%s' "$value"
done
unset name value
