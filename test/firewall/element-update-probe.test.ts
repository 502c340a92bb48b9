import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementUpdateFromProbe, renderElementUpdateProbe } from '../../src/firewall/element-update-probe.js';

test('the probe writes four elements twice with changed timeouts', () => {
  const [first, second] = renderElementUpdateProbe({ table: 'fail2nft', chain: 'input', priority: -1 });
  assert.match(
    first,
    /^add table inet fail2nft\nadd set inet fail2nft f2n-probe \{ type ipv4_addr; flags timeout; \}\nflush set/,
  );
  assert.match(
    first,
    /192\.0\.2\.1 timeout 3600s, 192\.0\.2\.2 timeout 7200s, 192\.0\.2\.3, 192\.0\.2\.4 timeout 3600s/,
  );
  assert.equal(
    second,
    'add element inet fail2nft f2n-probe { 192.0.2.1 timeout 7200s, 192.0.2.2 timeout 3600s, 192.0.2.3 timeout 3600s, 192.0.2.4 }\n',
  );
});

test('only a listing with every second timeout means the kernel replaces on a re-add', () => {
  const listing = (elems: unknown[]) =>
    JSON.stringify({ nftables: [{ metainfo: {} }, { set: { elem: elems } }] });
  const all = [
    { elem: { val: '192.0.2.1', timeout: 7200, expires: 7199 } },
    { elem: { val: '192.0.2.2', timeout: 3600 } },
    { elem: { val: '192.0.2.3', timeout: 3600 } },
    '192.0.2.4',
  ];
  assert.equal(elementUpdateFromProbe(listing(all)), 'add');
  assert.equal(elementUpdateFromProbe(listing(all.slice(0, 3))), 'delete-add');
  assert.equal(
    elementUpdateFromProbe(listing([...all.slice(0, 3), { elem: { val: '192.0.2.4', timeout: 3600 } }])),
    'delete-add',
  );
  assert.equal(elementUpdateFromProbe(''), 'delete-add');
  assert.equal(elementUpdateFromProbe('{"nftables": 5}'), 'delete-add');
});
