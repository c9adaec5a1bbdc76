// Accounts over real HTTP, the way every client makes one.

/**
 * A new account through the real auth endpoints of the server at `base` (the backend, or the frontend in front of
 * it): sign-up, which never signs in (so it cannot tell a new email from a registered one), then sign-in with the
 * same email and password. `headers` go with both requests (a client address, a forwarded protocol). Answers the
 * account's id, its bearer token and its session cookie (`name=value` pairs, as a Cookie header sends them).
 * @param {string} base
 * @param {{ name: string, email: string, password: string }} account
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ id: string, token: string, cookie: string }>}
 */
export async function signUpOverHttp(base, account, headers = {}) {
  /** @param {string} path @param {object} body */
  const post = (path, body) =>
    fetch(`${base}/api/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, ...headers },
      body: JSON.stringify(body),
    });
  const up = await post('sign-up/email', account);
  if (up.status !== 200) throw new Error(`sign-up failed: ${up.status} ${await up.text()}`);
  const res = await post('sign-in/email', { email: account.email, password: account.password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { token, user } = /** @type {{ token: string, user: { id: string } }} */ (await res.json());
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: user.id, token, cookie };
}
