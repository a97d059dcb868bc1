#!/usr/bin/env bash
# Regenerates spec/fixtures/audio/speech-loop.wav, the voice of Chromium's fake microphone in the
# browser tests: a sentence spoken by espeak-ng (1.1), then 2.5 s of silence, 16 kHz mono PCM16.
# Chromium loops the file, so the "user" speaks every 5.3 s: once to start a reply, and again
# while that reply plays (the barge-in case). Needs: apt-get install espeak-ng sox.
set -euo pipefail
cd "$(dirname "$0")/.."
out=spec/fixtures/audio/speech-loop.wav
tmp=$(mktemp --suffix=.wav)
trap 'rm -f "$tmp"' EXIT
espeak-ng -v en-us -s 160 -w "$tmp" "Hello there. What is the weather like today?"
sox "$tmp" -r 16000 -c 1 -b 16 "$out" pad 0 2.5
soxi "$out"
