/** Stream ids are `<category>-<uuid>`. */
export const STREAM_CATEGORIES = [
  'organization',
  'offering',
  'relationship',
  'improvement',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export function streamIdOf(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

/** Splits `relationship-<uuid>` into its category and id; undefined for any other shape. */
export function parseStreamId(
  streamId: string,
): { category: StreamCategory; id: string } | undefined {
  const dash = streamId.indexOf('-');
  if (dash < 0) return undefined;
  const category = streamId.slice(0, dash) as StreamCategory;
  if (!STREAM_CATEGORIES.includes(category)) return undefined;
  return { category, id: streamId.slice(dash + 1) };
}
