import { ListQuery, ReadModelReader } from '../read-model/read-model-store';

const BATCH = 500;

/** Every document of a collection that matches `where` (indexed fields), in key order. */
export async function readAll<T extends object>(
  reader: ReadModelReader,
  projection: string,
  collection: string,
  where: Record<string, string> = {},
  filter: Pick<ListQuery, 'keyPrefix'> = {},
): Promise<T[]> {
  const all: T[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = await reader.list<T>(projection, collection, {
      where,
      ...filter,
      afterKey,
      limit: BATCH,
    });
    all.push(...page.items);
    if (page.lastKey === undefined) return all;
    afterKey = page.lastKey;
  }
}
