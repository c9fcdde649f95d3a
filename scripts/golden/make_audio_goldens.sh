#!/usr/bin/env bash
# Regenerates the audio reader goldens under asr-frontend/src/test/resources/audio:
#  - shorten SPHERE files written by our test encoder (ShortenEncoder) and the samples FFmpeg's
#    independent shorten decoder gets from them (*.ffmpeg.s16), mono 16 kHz and stereo 8 kHz;
#  - a two-channel 8 kHz mu-law SPHERE file written by sox and the samples sox decodes (*.sox.s16),
#    (sox cannot write A-law SPHERE; A-law is tested against G.711 table values).
# Needs: python3 with numpy, sox, ffmpeg, and `mvn -o -pl asr-frontend -am test-compile` done.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=asr-frontend/src/test/resources/audio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp=asr-frontend/target/test-classes:asr-frontend/target/classes:asr-core/target/classes

/usr/bin/python3 - "$tmp" <<'PY'
import sys, numpy as np
tmp = sys.argv[1]
rng = np.random.default_rng(3)
def sig(n, rate, f0):
    t = np.arange(n) / rate
    x = 6000 * np.sin(2 * np.pi * f0 * t) * np.sin(2 * np.pi * 3 * t) + 900 * rng.standard_normal(n)
    x[n // 3 : n // 3 + 600] = 0  # silence: ZERO blocks
    x[50] = 32767; x[51] = -32768  # extremes
    return np.clip(np.round(x), -32768, 32767).astype('<i2')
sig(4001, 16000, 220).tofile(f"{tmp}/mono16k.s16")
st = np.stack([sig(3000, 8000, 300), sig(3000, 8000, 510)], axis=1)
st.tofile(f"{tmp}/stereo8k.s16")
PY
java -cp "$cp" org.asrnas.frontend.audio.ShortenEncoder "$tmp/mono16k.s16" 1 16000 "$out/shorten_mono16k.sph"
java -cp "$cp" org.asrnas.frontend.audio.ShortenEncoder "$tmp/stereo8k.s16" 2 8000 "$out/shorten_stereo8k.sph"
for f in shorten_mono16k shorten_stereo8k; do
  tail -c +1025 "$out/$f.sph" | ffmpeg -v error -y -f shn -i - -f s16le "$out/$f.ffmpeg.s16"
done
# The inputs must survive the round trip, or the encoder is wrong.
cmp "$tmp/mono16k.s16" "$out/shorten_mono16k.ffmpeg.s16"
cmp "$tmp/stereo8k.s16" "$out/shorten_stereo8k.ffmpeg.s16"

sox -R -D -t raw -r 8000 -c 2 -e signed -b 16 "$tmp/stereo8k.s16" -t sph -e u-law "$out/ulaw_stereo8k.sph"
sox -R -D -t sph "$out/ulaw_stereo8k.sph" -t raw -e signed -b 16 "$out/ulaw_stereo8k.sox.s16"
ls -l "$out"
