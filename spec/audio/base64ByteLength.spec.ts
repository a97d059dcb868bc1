import { base64ByteLength, encodeBase64 } from '../../lib/audio/base64';

test('base64ByteLength gives the decoded length without decoding, for every length and padding', () => {
  for (let n = 0; n < 64; n++) expect(base64ByteLength(encodeBase64(new Uint8Array(n)))).toBe(n);
});
