import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Where free ports are picked: below the OS's ephemeral range. A port the OS hands out for
 * `listen(0)` comes from that range, and so does the local port of every outgoing connection: a
 * kafkajs client connecting in another spec file can take it in the second before a broker binds it
 * (a soak run saw a by-hand broker's controller fail with "Address already in use" that way). Below
 * the range, only a listener can take a port, and the suite's listeners all come from here.
 */
function pickRange(): { low: number; high: number } | undefined {
  let ephemeralLow = 32_768; // Linux's default; macOS starts at 49152
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && Number.isInteger(low)) ephemeralLow = low;
  } catch {
    // Not Linux: the default above is below every other OS's range too.
  }
  const low = 10_000;
  const high = ephemeralLow - 1;
  return high - low >= 1_000 ? { low, high } : undefined;
}

const RANGE = pickRange();
/** Ports this process has handed out: never the same one twice. */
const handedOut = new Set<number>();

/** Whether 127.0.0.1:port can be bound right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** A port the OS gives out for listen(0): the fallback when there is no room below the ephemeral range. */
function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('the OS gave no port'));
      });
    });
  });
}

/** A port nothing listens on at 127.0.0.1, below the ephemeral range (see pickRange), for a broker or a controller to bind. */
export async function freePort(): Promise<number> {
  if (RANGE === undefined) return ephemeralPort();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = RANGE.low + Math.floor(Math.random() * (RANGE.high - RANGE.low + 1));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  return ephemeralPort();
}
