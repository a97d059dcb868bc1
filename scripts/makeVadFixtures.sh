#!/usr/bin/env bash
# Regenerates spec/fixtures/audio/vad/: one sentence spoken by espeak-ng with pauses between words,
# at three speech levels (RMS over the utterance: -20, -30 and -40 dBFS), each clean and with white
# noise under it at -50 dBFS RMS (-60 under the -40 speech: the noise stays 20 dB or more below the
# speech, else its quiet consonants drown and the pauses between words grow past 200 ms); 16 kHz mono WAVs in G.711 mu-law (half the size of PCM16,
# and mu-law's steps near zero are finer than the -50 dBFS noise), plus manifest.json with the true speech
# bounds (the padding added around the trimmed utterance). spec/testing/vadFixtures.spec.ts reads
# them. Needs: apt-get install espeak-ng sox (the tests need neither).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=spec/fixtures/audio/vad
text="What time is it in Paris"
lead=0.4   # seconds of silence (or noise) before the speech (more than the 300 ms prefix padding)
trail=0.5  # and after it (more than the 200 ms silence duration)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the utterance: 160 words a minute, 50 ms extra gap between words (-g 5), trimmed to the sound
espeak-ng -v en-us -s 160 -g 5 -w "$tmp/raw.wav" "$text"
sox "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$tmp/speech.wav" silence 1 0.005 -50d reverse silence 1 0.005 -50d reverse
speech=$(soxi -D "$tmp/speech.wav")
rms=$(sox "$tmp/speech.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
total=$(awk -v a="$lead" -v b="$speech" -v c="$trail" 'BEGIN { printf "%.6f", a + b + c }')

# white noise at -20 dBFS RMS (measured, then scaled); -R: repeatable
sox -R -n -r 16000 -c 1 -b 32 -e floating-point "$tmp/n0.wav" synth "$total" whitenoise
nrms=$(sox "$tmp/n0.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
sox "$tmp/n0.wav" "$tmp/noise0.wav" gain "$(awk -v r="$nrms" 'BEGIN { printf "%.4f", -20 - 20 * log(r) / log(10) }')"

entries=()
for level in -20 -30 -40; do
  noise_db=$(( level < -30 ? level - 20 : -50 ))
  sox "$tmp/noise0.wav" "$tmp/noise.wav" gain $(( noise_db + 20 ))
  gain=$(awk -v t="$level" -v r="$rms" 'BEGIN { printf "%.4f", t - 20 * log(r) / log(10) }')
  sox "$tmp/speech.wav" -b 32 -e floating-point "$tmp/l.wav" gain "$gain" pad "$lead" "$trail"
  sox "$tmp/l.wav" -e u-law "$dir/speech${level}.wav"
  sox -m -v 1 "$tmp/l.wav" -v 1 "$tmp/noise.wav" -e u-law "$dir/speech${level}-noise${noise_db}.wav"
  entries+=("{ \"file\": \"speech${level}.wav\", \"levelDbfs\": ${level}, \"noiseDbfs\": null }")
  entries+=("{ \"file\": \"speech${level}-noise${noise_db}.wav\", \"levelDbfs\": ${level}, \"noiseDbfs\": ${noise_db} }")
done

start_ms=$(awk -v a="$lead" 'BEGIN { printf "%d", a * 1000 + 0.5 }')
end_ms=$(awk -v a="$lead" -v b="$speech" 'BEGIN { printf "%d", (a + b) * 1000 + 0.5 }')
{
  echo "{"
  echo "  \"text\": \"$text\","
  echo "  \"speechStartMs\": $start_ms,"
  echo "  \"speechEndMs\": $end_ms,"
  echo "  \"files\": ["
  for i in "${!entries[@]}"; do
    sep=","; [ "$i" -eq $((${#entries[@]} - 1)) ] && sep=""
    echo "    ${entries[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} > "$dir/manifest.json"
cat "$dir/manifest.json"
du -ch "$dir"/*.wav | tail -1
