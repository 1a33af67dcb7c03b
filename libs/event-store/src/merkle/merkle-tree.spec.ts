import fc from 'fast-check';
import { InMemoryMerkleNodeStore } from './in-memory-merkle-node-store';
import { EMPTY_TREE_ROOT, hashChildren, hashLeaf } from './merkle-hash';
import { MerkleTree } from './merkle-tree';
import { StreamingRoot } from './streaming-root';
import { leavesOf, nodeCount, postOrderId } from './post-order';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

// The RFC 6962 test vectors published with the Certificate Transparency implementations
// (certificate-transparency-go / transparency-dev/merkle `testonly`): eight leaves, the tree
// heads of every prefix, and the inclusion and consistency proofs of RFC 6962 §2.1.
const LEAF_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const INCLUSION: [leafIndex: number, treeSize: number, proof: string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const CONSISTENCY: [from: number, to: number, proof: string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

function treeOf(leafHashes: Buffer[], chunk = 3): MerkleTree {
  const tree = new MerkleTree(new InMemoryMerkleNodeStore());
  for (let i = 0; i < leafHashes.length; i += chunk) tree.append(leafHashes.slice(i, i + chunk));
  return tree;
}

/** MTH by the RFC's recursion, straight from the definition (the reference for the property test). */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('MerkleTree (RFC 9162 §2.1) against the published RFC 6962 vectors', () => {
  const leafHashes = LEAF_DATA.map(hashLeaf);
  const tree = treeOf(leafHashes);

  it('computes the tree head of every prefix, including the empty tree', () => {
    ROOTS.forEach((root, size) => expect(tree.root(size).toString('hex')).toBe(root));
  });

  it('gives the same tree whether leaves arrive one at a time or in batches', () => {
    for (const chunk of [1, 2, 5, 8]) {
      expect(treeOf(leafHashes, chunk).root(8).toString('hex')).toBe(ROOTS[8]);
    }
  });

  it.each(INCLUSION)('inclusion proof of leaf %i in a tree of %i', (leafIndex, size, proof) => {
    const got = tree.inclusionProof(leafIndex, size);
    expect(hex(got)).toEqual(proof);
    expect(
      verifyInclusion(leafIndex, size, leafHashes[leafIndex], got, Buffer.from(ROOTS[size], 'hex')),
    ).toBe(true);
  });

  it.each(CONSISTENCY)('consistency proof from %i to %i', (from, to, proof) => {
    const got = tree.consistencyProof(from, to);
    expect(hex(got)).toEqual(proof);
    const fromRoot = Buffer.from(ROOTS[from], 'hex');
    const toRoot = Buffer.from(ROOTS[to], 'hex');
    expect(verifyConsistency(from, to, got, fromRoot, toRoot)).toBe(true);
  });

  it('refuses sizes beyond the log and indexes beyond the size', () => {
    expect(() => tree.root(9)).toThrow(RangeError);
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 8)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
  });

  it('a consistency proof does not verify against the wrong old root or a shrunk size', () => {
    const proof = tree.consistencyProof(6, 8);
    const root8 = Buffer.from(ROOTS[8], 'hex');
    expect(verifyConsistency(6, 8, proof, Buffer.from(ROOTS[5], 'hex'), root8)).toBe(false);
    expect(verifyConsistency(8, 6, [], root8, Buffer.from(ROOTS[6], 'hex'))).toBe(false);
    expect(verifyConsistency(0, 8, [], EMPTY_TREE_ROOT, root8)).toBe(true);
  });
});

describe('MerkleTree properties', () => {
  const leafArb = fc.uint8Array({ minLength: 0, maxLength: 8 }).map(hashLeaf);
  const tamper = (hash: Buffer, byte: number): Buffer => {
    const copy = Buffer.from(hash);
    copy[byte % 32] ^= 0x01;
    return copy;
  };

  it('every inclusion proof verifies; every tampered one fails', () => {
    fc.assert(
      fc.property(
        fc.array(leafArb, { minLength: 1, maxLength: 70 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (leaves, i, s, byte) => {
          const tree = treeOf(leaves, 1 + (s % 7));
          const size = 1 + (s % leaves.length);
          const leafIndex = i % size;
          const root = tree.root(size);
          expect(root.equals(referenceRoot(leaves.slice(0, size)))).toBe(true);
          const proof = tree.inclusionProof(leafIndex, size);
          expect(verifyInclusion(leafIndex, size, leaves[leafIndex], proof, root)).toBe(true);
          expect(
            verifyInclusion(leafIndex, size, tamper(leaves[leafIndex], byte), proof, root),
          ).toBe(false);
          proof.forEach((_, k) => {
            const bad = proof.map((h, j) => (j === k ? tamper(h, byte) : h));
            expect(verifyInclusion(leafIndex, size, leaves[leafIndex], bad, root)).toBe(false);
          });
          expect(verifyInclusion(leafIndex, size, leaves[leafIndex], [...proof, root], root)).toBe(
            false,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies; every tampered one fails', () => {
    fc.assert(
      fc.property(
        fc.array(leafArb, { minLength: 1, maxLength: 70 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (leaves, a, b, byte) => {
          const tree = treeOf(leaves, 4);
          const to = 1 + (b % leaves.length);
          const from = 1 + (a % to);
          const fromRoot = tree.root(from);
          const toRoot = tree.root(to);
          const proof = tree.consistencyProof(from, to);
          expect(verifyConsistency(from, to, proof, fromRoot, toRoot)).toBe(true);
          proof.forEach((_, k) => {
            const bad = proof.map((h, j) => (j === k ? tamper(h, byte) : h));
            expect(verifyConsistency(from, to, bad, fromRoot, toRoot)).toBe(false);
          });
          expect(verifyConsistency(from, to, proof, tamper(fromRoot, byte), toRoot)).toBe(false);
          expect(verifyConsistency(from, to, proof, fromRoot, tamper(toRoot, byte))).toBe(false);
          if (proof.length > 0) {
            expect(verifyConsistency(from, to, proof.slice(1), fromRoot, toRoot)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('StreamingRoot', () => {
  it('gives the tree head of every prefix of the published vectors', () => {
    const streaming = new StreamingRoot();
    expect(streaming.root().toString('hex')).toBe(ROOTS[0]);
    LEAF_DATA.forEach((data, i) => {
      streaming.push(hashLeaf(data));
      expect(streaming.root().toString('hex')).toBe(ROOTS[i + 1]);
    });
  });
});

describe('post-order node ids', () => {
  it('number the nodes densely in the order appends create them, and invert to the leaf count', () => {
    const created: number[] = [];
    const store = new InMemoryMerkleNodeStore();
    const recording = {
      size: () => store.size(),
      nodes: (ids: Parameters<InMemoryMerkleNodeStore['nodes']>[0]) => store.nodes(ids),
      add: (nodes: Parameters<InMemoryMerkleNodeStore['add']>[0], size: number) => {
        created.push(...nodes.map((n) => postOrderId(n.level, n.index)));
        store.add(nodes, size);
      },
    };
    const tree = new MerkleTree(recording);
    for (let n = 1; n <= 300; n += 1) {
      tree.append([hashLeaf(Buffer.from([n % 256, n >> 8]))]);
      expect(nodeCount(n)).toBe(created.length);
      expect(leavesOf(created.length)).toBe(n);
    }
    expect(created).toEqual(created.map((_, i) => i));
    expect(leavesOf(nodeCount(2 ** 40 + 12345))).toBe(2 ** 40 + 12345);
  });
});
