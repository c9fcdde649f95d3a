#!/usr/bin/env bash
# Installs what the project needs from Debian. As root it runs apt-get; otherwise it prints the
# command to run. Usage: scripts/install-deps.sh [--test|--recipe|--reference]
#   --test       what the test suite needs (a JDK 17 and Maven; nothing else: goldens are committed)
#   --recipe     what the recipes need (speech synthesis, sox, ffmpeg, dictionary, text, sclite)
#   --reference  the reference tools used to regenerate goldens and run benchmarks (torch, torchaudio,
#                OpenFst for the CTC-CRF goldens)
set -euo pipefail
mode="${1:---test}"
pkgs=()
case "$mode" in
  --test) pkgs=() ;;
  --recipe)
    pkgs=(sox libsox-fmt-all ffmpeg espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k
      festvox-us-slt-hts pocketsphinx-en-us pocketsphinx wordnet-base fortunes fortunes-min sctk
      time) ;;
  --reference)
    pkgs=(python3-torch python3-torchaudio python3-numpy libopenblas0-pthread sctk sox ffmpeg
      irstlm wordnet-base pocketsphinx-en-us fortunes libfst-tools) ;;
  *) echo "usage: $0 [--test|--recipe|--reference]" >&2; exit 2 ;;
esac
need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
if ((${#need[@]} == 0)); then exit 0; fi
if [[ $(id -u) -eq 0 ]]; then
  echo "install-deps: apt-get install ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
else
  echo "install-deps: missing Debian packages; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
