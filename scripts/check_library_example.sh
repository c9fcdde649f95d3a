#!/usr/bin/env bash
# Checks the README's "Use the library from Java" example the way a user meets it: installs the
# toolkit's artifacts (mvn install) into a Maven repository, creates a fresh Maven project in a
# temporary directory that depends on org.asrnas:asr-recognizer, pastes the README's example into
# its main class, compiles it, trains a tiny model on synthetic tone "words" (LOW 300 Hz, HIGH
# 1500 Hz; bin/asr features + train, seconds) and recognises a WAV file of known words with it.
# Fails unless the example prints the right transcript and one line per word.
#
# Usage: scripts/check_library_example.sh [--repo DIR] [--offline] [--keep]
#   --repo DIR  Maven local repository to install into and build from (default ~/.m2/repository;
#               give a throwaway copy, e.g. cp -a ~/.m2/repository /tmp/m2, to leave yours alone)
#   --offline   run Maven offline (everything must already be in the repository)
#   --keep      keep the temporary directory (printed at the end)
# Needs: mvn, java 17, python3 (standard library only).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$HOME/.m2/repository"
offline=()
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repo) repo="$(cd "$2" && pwd)"; shift 2 ;;
    --offline) offline=(-o); shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

start=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/tmp}/asr-library-example.XXXXXX")"
cleanup() { if [[ $keep == 0 ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT
mvn_() { mvn -B -q -ntp "${offline[@]}" -Dmaven.repo.local="$repo" "$@"; }
# bin/asr rebuilds with plain mvn when sources are newer than its jar: use the same repository
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$repo"

echo "== mvn install into $repo"
(cd "$root" && mvn_ -DskipTests -Dspotless.check.skip=true install)
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)"

echo "== a tiny model on tones in $work"
python3 - "$work" <<'EOF'
import math, os, random, sys, wave

root = sys.argv[1]
rng = random.Random(5)


def tones(words):
    """16 kHz int16: each word a 0.3 s tone after 0.1 s of faint noise."""
    s = []
    for w in words:
        hz = 1500 if w == "HIGH" else 300
        s += [rng.gauss(0, 30) for _ in range(1600)]
        s += [8000 * math.sin(2 * math.pi * hz * t / 16000) + rng.gauss(0, 30) for t in range(4800)]
    s += [rng.gauss(0, 30) for _ in range(1600)]
    return s


def write(path, samples):
    with wave.open(path, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(16000)
        f.writeframes(b"".join(int(max(-32768, min(32767, round(v)))).to_bytes(2, "little", signed=True) for v in samples))


for d in ("data/train", "data/lang", "audio"):
    os.makedirs(f"{root}/{d}", exist_ok=True)
with open(f"{root}/data/lang/lexicon.txt", "w") as f:
    f.write("HIGH H\nLOW L\n")
with open(f"{root}/data/lang/units.txt", "w") as f:
    f.write("<blk> 0\nH 1\nL 2\n")
rows = {"wav.scp": [], "text": [], "utt2spk": []}
spk2utt = {"spk0": [], "spk1": []}
for i in range(24):
    words = ["HIGH" if rng.random() < 0.5 else "LOW" for _ in range(2 + rng.randrange(3))]
    uid, spk = f"spk{i // 12}-u{i:02d}", f"spk{i // 12}"
    write(f"{root}/audio/{uid}.wav", tones(words))
    rows["wav.scp"].append(f"{uid} {root}/audio/{uid}.wav")
    rows["text"].append(f"{uid} {' '.join(words)}")
    rows["utt2spk"].append(f"{uid} {spk}")
    spk2utt[spk].append(uid)
for name, lines in rows.items():
    with open(f"{root}/data/train/{name}", "w") as f:
        f.write("\n".join(lines) + "\n")
with open(f"{root}/data/train/spk2utt", "w") as f:
    f.write("\n".join(k + " " + " ".join(v) for k, v in spk2utt.items()) + "\n")
write(f"{root}/my.wav", tones(["LOW", "HIGH", "HIGH", "LOW"]))
EOF
"$root/bin/asr" features --data "$work/data/train" --out "$work/data/train" > "$work/features.log" 2>&1
cat > "$work/tiny.json" <<'EOF'
{"input_dim": 120, "units": 0, "width": 32, "dropout": 0.0,
 "blocks": [{"op": "tdnn-C1D1"}, {"op": "tdnn-C1D1"}],
 "fixed": [{"after": 1, "op": "tdnn-C1D1S3"}]}
EOF
cat > "$work/train.json" <<'EOF'
{"maxEpochs": 40, "batchFrames": 800, "heldOutFraction": 0.2, "learningRate": 0.005,
 "decayAfterEpoch": 41}
EOF
"$root/bin/asr" train --data "$work/data/train" --model "$work/tiny.json" \
  --config "$work/train.json" --out "$work/exp/tiny" --seed 3 > "$work/train.log" 2>&1

echo "== a fresh Maven project depending on org.asrnas:asr-recognizer:$version"
app="$work/app"
mkdir -p "$app/src/main/java"
cat > "$app/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>library-example</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.asrnas</groupId>
      <artifactId>asr-recognizer</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.3</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>3.6.0</version>
        <executions>
          <execution>
            <phase>package</phase>
            <goals><goal>shade</goal></goals>
            <configuration>
              <createDependencyReducedPom>false</createDependencyReducedPom>
              <transformers>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                  <mainClass>Example</mainClass>
                </transformer>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
              </transformers>
              <filters>
                <filter>
                  <artifact>*:*</artifact>
                  <excludes>
                    <exclude>META-INF/*.SF</exclude>
                    <exclude>META-INF/*.DSA</exclude>
                    <exclude>META-INF/*.RSA</exclude>
                  </excludes>
                </filter>
              </filters>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
# The README's first java block of the section, as it stands
example="$(awk '/^### Use the library from Java/ {s = 1} s && /^```java/ {c = 1; next}
  c && /^```/ {exit} c {print}' "$root/README.md")"
if [[ -z "$example" ]]; then
  echo "FAIL: no java code block under '### Use the library from Java' in README.md" >&2
  exit 1
fi
{
  cat <<'EOF'
import java.nio.file.Path;
import org.asrnas.recognizer.Recognizer;
import org.asrnas.recognizer.Result;
import org.asrnas.recognizer.Word;

/** The README example: args are the model, the lexicon and a WAV file. */
public class Example {
  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    Path lexicon = Path.of(args[1]);
    Path wav = Path.of(args[2]);
EOF
  printf '%s\n' "$example" | sed 's/^/    /'
  printf '  }\n}\n'
} > "$app/src/main/java/Example.java"
# compiled and packaged with its dependencies into one runnable jar (plugins the toolkit's own
# build already uses, so --offline works with the repository that built it)
(cd "$app" && mvn_ -DskipTests package)

echo "== running the example"
java -Dai.djl.offline=true -jar "$app/target/library-example-1.jar" \
  "$work/exp/tiny" "$work/data/lang/lexicon.txt" "$work/my.wav" > "$work/out.txt" 2> "$work/err.txt" || {
  cat "$work/err.txt" >&2
  echo "FAIL: the example did not run" >&2
  exit 1
}
cat "$work/out.txt"
want="LOW HIGH HIGH LOW"
got="$(head -1 "$work/out.txt")"
words="$(grep -c '^Word\[text=' "$work/out.txt" || true)"
if [[ "$got" != "$want" || "$words" != 4 ]]; then
  echo "FAIL: expected '$want' and 4 word lines, got '$got' and $words" >&2
  exit 1
fi
if [[ $keep == 1 ]]; then
  echo "kept $work"
fi
echo "OK: the README example compiled in a fresh project and recognised my.wav ($(($(date +%s) - start)) s)"
