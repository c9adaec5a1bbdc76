/** See http.mjs. */
export declare function signUpOverHttp(
  base: string,
  account: { name: string; email: string; password: string },
  headers?: Record<string, string>,
): Promise<{ id: string; token: string; cookie: string }>;
