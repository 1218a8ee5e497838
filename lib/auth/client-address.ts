/**
 * The client's real address for the sign-in throttle, or null when it is not
 * known. Behind nginx (TRUST_PROXY=1) it is the last X-Forwarded-For entry, the
 * one nginx appended ($proxy_add_x_forwarded_for; earlier entries are the
 * client's to forge). Otherwise server.ts passes the socket's address in
 * SOCKET_ADDRESS_HEADER (after deleting any the client sent); a loopback socket
 * means a local proxy in front of us, so every client would share it: unknown.
 */
export const SOCKET_ADDRESS_HEADER = "x-quan-triet-socket-address";

type Headers = Record<string, unknown> | undefined;

function header(headers: Headers, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : undefined;
}

export function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

export function clientAddress(headers: Headers, trustProxy: boolean): string | null {
  if (trustProxy) {
    const last = header(headers, "x-forwarded-for")?.split(",").pop()?.trim();
    return last || null;
  }
  const socket = header(headers, SOCKET_ADDRESS_HEADER)?.trim();
  return socket && !isLoopback(socket) ? socket : null;
}
