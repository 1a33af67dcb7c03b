/**
 * SPEC v2: uuids are lower case everywhere, and an id in any case is normalized before anything
 * else sees it. These two functions are the one place that happens: `lowerCaseIdsInUrl` for the
 * path and query of every request (Fastify's `rewriteUrl`, before routing), `lowerCaseId` for
 * every string of a JSON body (the body parser).
 */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A whole value that is a uuid or a stream id (`relationship-<uuid>`). */
const ID_VALUE = new RegExp(`^(?:[a-z][a-z-]*-)?${UUID}$`);

/** A uuid in a url: a whole path segment or query value, or the tail of a stream id. */
const ID_IN_URL = new RegExp(`(?<=^|[/=&-])${UUID}(?=$|[/?&#])`, 'g');

export function lowerCaseId(value: string): string {
  return ID_VALUE.test(value) ? value.toLowerCase() : value;
}

export function lowerCaseIdsInUrl(url: string): string {
  return /[A-F]/.test(url) ? url.replace(ID_IN_URL, (id) => id.toLowerCase()) : url;
}
