/**
 * One POST of JSON to a webhook or Slack URL: within a timeout, never following a redirect (a
 * redirect could carry the signed body to another host). What the answer means for the job:
 * 2xx sent; 408, 429, 5xx, a network error or the timeout: try again later; any other 4xx, or a
 * redirect: parked (trying again would not help).
 */
export type SendResult =
  { ok: true; status?: number } | { ok: false; permanent: boolean; status?: number; error: string };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export async function postJson(
  fetchFn: FetchLike,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendResult> {
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    response = await fetchFn(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'csat-survey-collector', ...headers },
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      signal.aborted || e.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, permanent: false, error: `POST ${new URL(url).host}: ${reason}` };
  }
  let text = '';
  try {
    text = (await response.text()).slice(0, 300);
  } catch {
    // the status says enough
  }
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location') ?? '';
    return {
      ok: false,
      permanent: true,
      status,
      error: `answered ${status} with a redirect${location ? ` to ${location.slice(0, 200)}` : ''}; redirects are not followed: set the destination's URL to the final one`,
    };
  }
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return { ok: false, permanent, status, error: `answered ${status}${text ? `: ${text}` : ''}` };
}
