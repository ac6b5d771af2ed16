// A node view one payment behind: the scheme's first read of the wallet's coins gets a list taken before another
// payment spent one of them (as when another process shares the wallet), later reads go to the node.
export async function staleCoinsFetch(url, address) {
  const path = `/v1/addresses/${address}/utxos`;
  const stale = await (await fetch(url + path)).text();
  let served = false;
  return async (input, init) => {
    const target = typeof input === "string" ? input : input.url;
    if (!served && target.endsWith(path)) {
      served = true;
      return new Response(stale, { status: 200, headers: { "Content-Type": "application/json" } });
    }
    return fetch(input, init);
  };
}
