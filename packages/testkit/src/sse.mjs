// A raw client for Server-Sent Events (the backend's /api/{user}/events): what a browser's EventSource does,
// minus reconnecting, so a test or a bench sees every frame as the server wrote it.
import http from 'node:http';

/** @typedef {{ id?: string, event?: string, data?: string, comment?: string }} Frame */

/**
 * Splits a stream of text into the frames it carries, as the SSE spec does: a frame ends at a blank line, a line
 * `field: value` sets a field, a line starting with `:` is a comment. Answers a function to feed each chunk to.
 * @param {(frame: Frame) => void} onFrame
 * @returns {(chunk: string) => void}
 */
export function frameSplitter(onFrame) {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      /** @type {Record<string, string>} */
      const frame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          frame[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
        }
      }
      onFrame(frame);
    }
  };
}

/**
 * GETs an event stream (`options` as for http.get: host, port, path, headers, agent) and calls `onFrame` with each
 * complete frame; `onChunk` runs after each chunk's frames. `response` settles with the response's head (whatever
 * its status) or the request's error; destroy `request` to close the stream.
 * @param {http.RequestOptions} options
 * @param {(frame: Frame) => void} onFrame
 * @param {() => void} [onChunk]
 * @returns {{ request: http.ClientRequest, response: Promise<http.IncomingMessage> }}
 */
export function openEventStream(options, onFrame, onChunk = () => {}) {
  const split = frameSplitter(onFrame);
  /** @type {(res: http.IncomingMessage) => void} */
  let resolve = () => {};
  /** @type {(err: Error) => void} */
  let reject = () => {};
  /** @type {Promise<http.IncomingMessage>} */
  const response = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const request = http.get(options, (res) => {
    resolve(res);
    res.setEncoding('utf8');
    res.on('data', (/** @type {string} */ chunk) => {
      split(chunk);
      onChunk();
    });
  });
  request.on('error', reject);
  // Whoever awaits `response` sees an error; one that nobody awaits (a stream destroyed on purpose) is no crash.
  response.catch(() => {});
  return { request, response };
}
