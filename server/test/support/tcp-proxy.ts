import { createServer, connect, type Server, type Socket } from 'node:net';

// A small fault-injecting TCP proxy for the test harness (reliability rows C3, D1, D3): the server processes talk to
// MariaDB through it, and a test can cut the link (destroy every open socket and refuse new connections, as a dead
// database host would) and restore it, without touching the shared MariaDB itself.
export interface TcpProxy {
  port: number;
  // destroys all client/upstream sockets and closes the listener: new connections get ECONNREFUSED
  cut(): Promise<void>;
  // listens again on the same port
  restore(): Promise<void>;
  // destroys the open sockets only (a network blip; new connections succeed)
  resetConnections(): void;
  // extra one-way latency added to every chunk (D3-style; 0 = none)
  setLatency(ms: number): void;
  readonly isCut: boolean;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, opts: { port?: number } = {}): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let latency = 0;
  let cut = false;
  let server: Server;

  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      if (latency > 0) setTimeout(() => to.destroyed || to.write(chunk), latency);
      else if (!to.destroyed) to.write(chunk);
    });
  };

  const onConnection = (client: Socket) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    relay(client, upstream);
    relay(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  const listen = (port: number) =>
    new Promise<number>((ok, fail) => {
      server = createServer(onConnection);
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        const addr = server.address();
        ok(typeof addr === 'object' && addr ? addr.port : port);
      });
    });

  const closeListener = () => new Promise<void>((ok) => (server.listening ? server.close(() => ok()) : ok()));
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const port = await listen(opts.port ?? 0);
  return {
    port,
    get isCut() {
      return cut;
    },
    get connections() {
      return sockets.size / 2;
    },
    async cut() {
      cut = true;
      const closed = closeListener();
      destroyAll();
      await closed;
    },
    async restore() {
      cut = false;
      // the port was just released by close(): retry briefly in the unlikely case it is still held
      for (let i = 0; ; i++) {
        try {
          await listen(port);
          return;
        } catch (err) {
          if (i >= 20) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    resetConnections: destroyAll,
    setLatency(ms: number) {
      latency = ms;
    },
    async close() {
      cut = true;
      const closed = closeListener();
      destroyAll();
      await closed;
    },
  };
}
