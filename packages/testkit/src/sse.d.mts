import type http from 'node:http';

/** See sse.mjs. */
export interface Frame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

export declare function frameSplitter(onFrame: (frame: Frame) => void): (chunk: string) => void;

export declare function openEventStream(
  options: http.RequestOptions,
  onFrame: (frame: Frame) => void,
  onChunk?: () => void,
): { request: http.ClientRequest; response: Promise<http.IncomingMessage> };
