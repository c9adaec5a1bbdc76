// @vercel/nft is installed only inside the backend image build (docker/backend.Dockerfile, next to
// containers/trace-deps.mjs), never in the workspace; this is the part of its API that script uses.
declare module '@vercel/nft' {
  export function nodeFileTrace(
    files: string[],
    options: { base: string; processCwd: string; ignore?: (path: string) => boolean },
  ): Promise<{ fileList: Set<string>; warnings: Set<Error> }>;
}
