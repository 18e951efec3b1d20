import net from 'node:net';

/**
 * A loopback TCP proxy that a test puts between Linli and a server (Postgres, Redis) and cuts, as
 * a restart or a network fault would: every open connection is dropped and new ones are refused
 * until it is restored. The shared servers themselves are never touched.
 */
export interface TcpProxy {
  readonly port: number;
  /** A URL like `target` (postgres://..., redis://...) that goes through the proxy. */
  url(target: string): string;
  /** Drops every connection and refuses new ones. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections made through the proxy so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  let connections = 0;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    connections += 1;
    const upstream = net.connect(target);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port');
  const port = address.port;
  return {
    port,
    url(targetUrl: string) {
      const parsed = new URL(targetUrl);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    get connections() {
      return connections;
    },
    async close() {
      cut = true;
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Host and port of a postgres:// or redis:// URL. */
export function hostAndPort(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : defaultPort };
}
