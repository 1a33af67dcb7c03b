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
