/** The outcome of an append: the stream's revision after it and the position of its last event. */
export interface AppendResult {
  revision: number;
  position: string;
}
