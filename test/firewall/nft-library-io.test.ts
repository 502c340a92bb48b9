import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHelperCommandRunner } from '../../src/firewall/helper-command-runner-io.js';
import { nftLibrary, nftScriptTarget } from '../../src/firewall/nft-library-io.js';
import { createNetns, kernelSkip, runOk } from './support/netns.js';

const skip = kernelSkip(['nft']);
const table = 'table inet t {\n  set a4 {\n    type ipv4_addr\n    flags timeout\n  }\n}\n';

function elementsOf(netns: string): string {
  return runOk(['ip', 'netns', 'exec', netns, 'nft', 'list', 'set', 'inet', 't', 'a4']);
}

test('only a plain nft -f -, alone or through ip netns exec, is a script for the library', () => {
  assert.deepEqual(nftScriptTarget(['nft', '-f', '-']), { netns: undefined });
  assert.deepEqual(nftScriptTarget(['ip', 'netns', 'exec', 'f2n-x-1', 'nft', '-f', '-']), {
    netns: 'f2n-x-1',
  });
  assert.equal(nftScriptTarget(['/usr/local/sbin/nft', '-f', '-']), undefined);
  assert.equal(nftScriptTarget(['nft', '-j', 'list', 'sets']), undefined);
  assert.equal(nftScriptTarget(['nft', '-f', '/tmp/x']), undefined);
  assert.equal(nftScriptTarget(['ip', 'netns', 'exec', 'ns', 'ipset', 'restore']), undefined);
  assert.equal(nftScriptTarget(['ip', 'netns', 'exec', '../x', 'nft', '-f', '-']), undefined);
  assert.equal(
    nftScriptTarget(['ip', 'netns', 'exec', 'a', 'ip', 'netns', 'exec', 'b', 'nft', '-f', '-']),
    undefined,
  );
});

test('libnftables loads on this machine', { skip }, () => {
  assert.notEqual(nftLibrary(), undefined);
});

test(
  'a script runs as one transaction in the namespace; a refused one changes nothing and says why',
  { skip },
  () => {
    const library = nftLibrary();
    assert.ok(library !== undefined);
    const netns = createNetns('nftlib');
    try {
      assert.deepEqual(library.run(netns.name, table), { code: 0, stdout: '', stderr: '' });
      const ok = library.run(netns.name, 'add element inet t a4 { 192.0.2.1 timeout 60s, 192.0.2.2 }\n');
      assert.equal(ok.code, 0);
      assert.match(
        elementsOf(netns.name),
        /192\.0\.2\.1 timeout 1m.*192\.0\.2\.2|192\.0\.2\.2.*192\.0\.2\.1 timeout 1m/s,
      );
      // The second command fails, so the first is not applied either.
      const refused = library.run(
        netns.name,
        'add element inet t a4 { 192.0.2.3 }\nadd element inet t nosuch { 192.0.2.4 }\n',
      );
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Error: No such file or directory/);
      assert.match(refused.stderr, /nosuch/);
      assert.doesNotMatch(elementsOf(netns.name), /192\.0\.2\.3/);
      assert.equal(library.run(netns.name, 'add element inet t a4 { 192.0.2.5 }\u0000\n').code, 1);
      assert.doesNotMatch(elementsOf(netns.name), /192\.0\.2\.5/);
      // Output the script asks for comes back as nft prints it.
      assert.match(library.run(netns.name, 'list set inet t a4\n').stdout, /set a4 \{/);
    } finally {
      netns.remove();
    }
  },
);

test(
  'a namespace made again under the same name gets its own context; a missing one is an error',
  { skip },
  () => {
    const library = nftLibrary();
    assert.ok(library !== undefined);
    const first = createNetns('nftlibre');
    first.remove();
    const missing = library.run(first.name, table);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot open network namespace/);
    const netns = createNetns('nftlibre');
    try {
      assert.equal(library.run(netns.name, table).code, 0);
      assert.equal(library.run(netns.name, 'add element inet t a4 { 198.51.100.1 }\n').code, 0);
      runOk(['ip', 'netns', 'del', netns.name]);
      runOk(['ip', 'netns', 'add', netns.name]);
      // The new namespace has no table t: a context left in the old one would still find it.
      assert.equal(library.run(netns.name, 'add element inet t a4 { 198.51.100.2 }\n').code, 1);
      assert.equal(library.run(netns.name, table).code, 0);
      assert.equal(library.run(netns.name, 'add element inet t a4 { 198.51.100.2 }\n').code, 0);
      assert.doesNotMatch(elementsOf(netns.name), /198\.51\.100\.1/);
      assert.match(elementsOf(netns.name), /198\.51\.100\.2/);
    } finally {
      netns.remove();
    }
  },
);

test(
  'the command helper runs nft scripts through the library with the same results as nft',
  { skip },
  async () => {
    const netns = createNetns('nfthelper');
    const helper = createHelperCommandRunner();
    try {
      const argv = ['ip', 'netns', 'exec', netns.name, 'nft', '-f', '-'];
      const options = { timeoutMs: 10_000 };
      assert.equal((await helper.run(argv, table, options)).code, 0);
      const ok = await helper.run(argv, 'add element inet t a4 { 203.0.113.9 timeout 30s }\n', options);
      assert.deepEqual(ok, { code: 0, stdout: '', stderr: '' });
      assert.match(elementsOf(netns.name), /203\.0\.113\.9 timeout 30s/);
      const refused = await helper.run(argv, 'add element inet t a4 { 203.0.113.300 }\n', options);
      const direct = netns.exec(['nft', '-f', '-'], 'add element inet t a4 { 203.0.113.300 }\n');
      assert.equal(refused.code, 1);
      assert.equal(direct.code, 1);
      // Both name the bad address in the same words (nft adds the input's name, /dev/stdin).
      assert.match(refused.stderr, /203\.0\.113\.300/);
      assert.match(direct.stderr, /203\.0\.113\.300/);
    } finally {
      await helper.close();
      netns.remove();
    }
  },
);
