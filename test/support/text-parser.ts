import type request from 'supertest';

/** Collects a response body as text, whatever its content type: `.buffer(true).parse(textParser)`. */
export const textParser: Parameters<request.Test['parse']>[0] = (res, callback) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => callback(null, text));
};
