import { STATUS_CODES } from 'node:http';
import { ProblemDetails } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE, problemType, standardProblem } from './problem-details.filter';

/**
 * What the HTTP layer itself refuses (Fastify's router and body reader, Node's HTTP parser),
 * said in our own words: the framework's messages echo the path or name its codes.
 */
const DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'the path has a malformed percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'a path parameter is longer than the API accepts',
  FST_ERR_ASYNC_CONSTRAINT: 'the request could not be routed',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'the body must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the body does not match its Content-Length',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the body is larger than the API accepts',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty but its Content-Type says JSON',
  ERR_HTTP_REQUEST_TIMEOUT: 'the request was not received completely in time',
  HPE_HEADER_OVERFLOW: 'the request headers are too large',
};

export interface FrameworkError {
  code?: string;
  statusCode?: number;
}

/** The problem for an error of the HTTP layer, or undefined if it is not one. */
export function frameworkProblem(
  error: FrameworkError,
): Omit<ProblemDetails, 'instance'> | undefined {
  if (error.code === undefined || !(error.code in DETAILS)) return undefined;
  const status = statusOf(error);
  const detail = DETAILS[error.code];
  return status === 400
    ? { ...standardProblem(status), detail, errors: [{ field: 'request', messages: [detail] }] }
    : { ...standardProblem(status), detail };
}

function statusOf(error: FrameworkError): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  return typeof error.statusCode === 'number' ? error.statusCode : 400;
}

/**
 * A whole HTTP/1.1 answer for Node's `clientError` (a request Node could not parse, or one not
 * received within the request timeout): there is no request object then, only the socket.
 */
export function rawProblemResponse(error: FrameworkError): string {
  const problem = frameworkProblem(error) ?? {
    ...standardProblem(400),
    type: problemType('malformed-request'),
    detail: 'the request is not valid HTTP',
    errors: [{ field: 'request', messages: ['the request is not valid HTTP'] }],
  };
  const body = JSON.stringify(problem);
  return (
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
