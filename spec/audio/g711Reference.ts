/**
 * A test-only G.711 reference, written for this project from the published algorithm of the ITU-T
 * Software Tool Library (ITU-T G.191, module g711: `ulaw_compress`, `ulaw_expand`, `alaw_compress`,
 * `alaw_expand`): the table-free segment search on a one's-complement magnitude of the 16-bit
 * left-justified input (14 significant bits for μ-law, 13 for A-law). It is deliberately written
 * in a different style from lib/audio/g711.ts (no tables, no shared code), so that the library's
 * codec is checked against an independent formulation, not against itself.
 */

/** μ-law code of one 16-bit sample (G.191 `ulaw_compress`). */
export function refMuLawCompress(lin: number): number {
  // one's complement for negative input, 14-bit magnitude, plus the bias of 33 (in 14-bit units)
  let absno = (lin < 0 ? ~lin >> 2 : lin >> 2) + 33;
  if (absno > 0x1fff) absno = 0x1fff;
  let segno = 1;
  for (let i = absno >> 6; i !== 0; i >>= 1) segno++;
  const highNibble = 0x8 - segno;
  const lowNibble = 0xf - ((absno >> segno) & 0xf);
  let code = (highNibble << 4) | lowNibble;
  if (lin >= 0) code |= 0x80;
  return code;
}

/** 16-bit sample of one μ-law code (G.191 `ulaw_expand`). */
export function refMuLawExpand(code: number): number {
  const sign = code < 0x80 ? -1 : 1;
  const inverted = ~code;
  const exponent = (inverted >> 4) & 0x7;
  const mantissa = inverted & 0xf;
  const step = 4 << (exponent + 1);
  return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
}

/** A-law code of one 16-bit sample (G.191 `alaw_compress`). */
export function refALawCompress(lin: number): number {
  let ix = lin < 0 ? ~lin >> 4 : lin >> 4; // one's complement, 12-bit magnitude
  if (ix > 15) {
    let exponent = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      exponent++;
    }
    ix -= 16; // the leading one is implied
    ix += exponent << 4;
  }
  if (lin >= 0) ix |= 0x80;
  return ix ^ 0x55; // even bits inverted
}

/** 16-bit sample of one A-law code (G.191 `alaw_expand`). */
export function refALawExpand(code: number): number {
  const ix = (code ^ 0x55) & 0x7f;
  const exponent = ix >> 4;
  let mantissa = ix & 0xf;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 8;
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 127 ? mantissa : -mantissa;
}
