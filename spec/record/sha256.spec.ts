/**
 * The recorder's synchronous SHA-256 (lib/record/sha256.ts, written so a browser recorder can hash
 * in the same tick) agrees with Node's OpenSSL on every length around the block and padding
 * boundaries, and on random inputs (fast-check).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../lib/record/sha256';

const openssl = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('the FIPS 180-4 examples', () => {
  expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('every length from 0 to 200 bytes (one to four blocks, every padding case)', () => {
  for (let n = 0; n <= 200; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
    expect(sha256Hex(bytes)).toBe(openssl(bytes));
  }
});

test('random inputs up to 5 KB agree with OpenSSL', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => sha256Hex(bytes) === openssl(bytes)), { numRuns: 200 });
});
