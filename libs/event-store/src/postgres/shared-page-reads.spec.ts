import { SharedPageReads } from './shared-page-reads';

/** Reads answered by hand, each asked read recorded. */
function pages() {
  const asked: { after: string; answer: (page: string[]) => void; fail: (e: Error) => void }[] = [];
  const reads = new SharedPageReads<string>(
    (after) =>
      new Promise((resolve, reject) => asked.push({ after, answer: resolve, fail: reject })),
  );
  return { asked, reads };
}

describe('SharedPageReads', () => {
  it('answers a page asked again at the same generation from one read, under way or done', async () => {
    const { asked, reads } = pages();
    const first = reads.read('7', 100, 3);
    const second = reads.read('7', 100, 3);
    asked[0].answer(['8', '9']);
    await expect(first).resolves.toEqual(['8', '9']);
    await expect(second).resolves.toEqual(['8', '9']);
    await expect(reads.read('7', 100, 3)).resolves.toEqual(['8', '9']);
    expect(asked).toHaveLength(1);
  });

  it('reads anew after a commit notification, and for another position', async () => {
    const { asked, reads } = pages();
    void reads.read('7', 100, 3);
    void reads.read('9', 100, 3);
    void reads.read('7', 100, 3); // shared
    void reads.read('7', 100, 4); // a commit came: the first read may predate it
    void reads.read('9', 100, 4);
    expect(asked.map((a) => a.after)).toEqual(['7', '9', '7', '9']);
  });

  it('keeps a few pages only, forgetting the oldest first', async () => {
    const { asked, reads } = pages();
    for (const after of ['1', '2', '3', '4', '5', '2', '1']) void reads.read(after, 100, 3);
    expect(asked.map((a) => a.after)).toEqual(['1', '2', '3', '4', '5', '1']);
  });

  it('does not answer a later asker with a failed read', async () => {
    const { asked, reads } = pages();
    const failed = reads.read('7', 100, 3);
    asked[0].fail(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    const again = reads.read('7', 100, 3);
    expect(asked).toHaveLength(2);
    asked[1].answer(['8']);
    await expect(again).resolves.toEqual(['8']);
  });
});
