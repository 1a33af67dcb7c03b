/**
 * What an accepted command answers: the aggregate's id and stream, the stream's revision after
 * the append and the global position of its last event. Commands that create an entity inside
 * an aggregate add its id under a named field (e.g. `outputId`).
 */
export interface CommandAnswer {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  [entityIdField: string]: string | number;
}
