import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkContains, parseIpAddress, parseIpNetwork } from '../../src/core/ip-address.js';

test('IPv4 addresses parse to their canonical text', () => {
  assert.equal(parseIpAddress('192.0.2.7')?.text, '192.0.2.7');
  assert.equal(parseIpAddress(' 10.0.0.1 ')?.family, 4);
});

test('IPv6 addresses are compressed and lower-cased as RFC 5952 says', () => {
  assert.equal(parseIpAddress('2001:DB8:0:0:0:0:0:1')?.text, '2001:db8::1');
  assert.equal(parseIpAddress('2001:db8:0:0:1:0:0:1')?.text, '2001:db8::1:0:0:1');
  assert.equal(parseIpAddress('::')?.text, '::');
  assert.equal(parseIpAddress('[2001:db8::5]')?.text, '2001:db8::5');
  assert.equal(parseIpAddress('2001:db8::1:2:3:4:5')?.text, '2001:db8:0:1:2:3:4:5');
});

test('IPv4-mapped IPv6 yields the IPv4 address', () => {
  const address = parseIpAddress('::ffff:198.51.100.9');
  assert.equal(address?.family, 4);
  assert.equal(address?.text, '198.51.100.9');
  assert.equal(parseIpAddress('::FFFF:c633:6409')?.text, '198.51.100.9');
});

test('anything that is not an address is rejected', () => {
  for (const bad of [
    '',
    '1.2.3',
    '256.1.1.1',
    '1.2.3.4.5',
    'example.org',
    '1.2.3.4; rm -rf /',
    'fe80::1%eth0',
    '::g',
    '01.2.3.4x',
  ]) {
    assert.equal(parseIpAddress(bad), undefined, bad);
  }
});

test('networks parse with prefixes and netmasks, host bits cleared', () => {
  assert.equal(parseIpNetwork('192.0.2.77/24')?.text, '192.0.2.0/24');
  assert.equal(parseIpNetwork('10.1.2.3/255.255.0.0')?.text, '10.1.0.0/16');
  assert.equal(parseIpNetwork('2001:db8:abcd::1/32')?.text, '2001:db8::/32');
  assert.equal(parseIpNetwork('127.0.0.1')?.prefix, 32);
  assert.equal(parseIpNetwork('::ffff:10.0.0.0/104')?.text, '10.0.0.0/8');
  assert.equal(parseIpNetwork('10.0.0.0/33'), undefined);
  assert.equal(parseIpNetwork('10.0.0.0/255.0.255.0'), undefined);
});

test('a network contains the addresses of its family under its prefix', () => {
  const net = parseIpNetwork('127.0.0.1/8');
  assert.ok(net);
  assert.ok(networkContains(net, parseIpAddress('127.255.1.2')!));
  assert.ok(!networkContains(net, parseIpAddress('128.0.0.1')!));
  const v6 = parseIpNetwork('2001:db8::/33');
  assert.ok(v6);
  assert.ok(networkContains(v6, parseIpAddress('2001:db8:7fff::1')!));
  assert.ok(!networkContains(v6, parseIpAddress('2001:db8:8000::1')!));
  assert.ok(!networkContains(v6, parseIpAddress('127.0.0.1')!));
});

test('a network with two prefixes is refused, not read up to the second slash', () => {
  assert.equal(parseIpNetwork('10.0.0.0/8/8'), undefined);
  assert.equal(parseIpNetwork('2001:db8::/32/'), undefined);
});

test('canonical dotted quads and their near misses parse exactly as the general rules say', () => {
  for (const good of ['0.0.0.0', '203.0.113.5', '255.255.255.255', '10.0.0.1'])
    assert.equal(parseIpAddress(good)?.text, good);
  for (const bad of [
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1..2.3',
    '1.2.3.',
    '.1.2.3',
    '1.2.3.4a',
    '1234.1.1.1',
  ])
    assert.equal(parseIpAddress(bad), undefined, bad);
  assert.deepEqual([...(parseIpAddress('192.0.2.7')?.bytes ?? [])], [192, 0, 2, 7]);
  assert.equal(parseIpAddress(' 192.0.2.7 ')?.text, '192.0.2.7');
});

/** Deterministic pseudo-random numbers (xorshift32), so a failure names its seed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

test('IPv6 text in any spelling parses to the bytes it names and to one canonical text', () => {
  const random = numbers(20261121);
  for (let round = 0; round < 3000; round++) {
    // Many zero groups, so that runs, ties and single zeros all occur.
    const groups = Array.from({ length: 8 }, () =>
      random() < 0.45 ? 0 : Math.floor(random() * (random() < 0.5 ? 16 : 65536)),
    );
    // ::ffff:x:y is IPv4-mapped (and ::x:y is read as IPv6): covered by the mapped test above.
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) continue;
    const full = groups.map((g) => g.toString(16));
    const spellings = [
      full.join(':'),
      groups.map((g) => g.toString(16).padStart(4, '0')).join(':'),
      full.join(':').toUpperCase(),
    ];
    // Every way of compressing one run of zero groups (canonical or not) names the same address.
    for (let start = 0; start < 8; start++)
      for (let end = start + 1; end <= 8 && groups[end - 1] === 0; end++)
        spellings.push(`${full.slice(0, start).join(':')}::${full.slice(end).join(':')}`);
    const expectedBytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
    const texts = new Set<string>();
    for (const spelling of spellings) {
      const parsed = parseIpAddress(spelling);
      assert.equal(parsed?.family, 6, `${spelling} (round ${round})`);
      assert.deepEqual([...parsed.bytes], expectedBytes, spelling);
      texts.add(parsed.text);
    }
    assert.equal(texts.size, 1, `one canonical text for ${spellings.join(' ')}: ${[...texts].join(' ')}`);
    const [canonical = ''] = texts;
    assert.equal(parseIpAddress(canonical)?.text, canonical);
  }
});

test('near misses of canonical IPv6 text are refused', () => {
  for (const bad of [
    ':',
    ':::',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '12345::1',
    'g::1',
    '1:2:3:4:5:6:7:',
    ':1:2:3:4:5:6:7',
    '2001:db8::1%eth0',
  ])
    assert.equal(parseIpAddress(bad), undefined, bad);
});
