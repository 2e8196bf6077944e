import { createServer, connect, type Server, type Socket } from 'node:net';

// A small fault-injecting TCP proxy for the test harness (reliability rows C3, D1, D3): the server processes talk to
// MariaDB through it, and a test can cut the link, partition it, slow it down or make it lossy, without touching the
// shared MariaDB itself.
export interface TcpProxy {
  port: number;
  // a dead database host: destroys all client/upstream sockets and closes the listener (new connections: ECONNREFUSED)
  cut(): Promise<void>;
  // listens again on the same port
  restore(): Promise<void>;
  // a network partition: nothing is closed, every byte either way is dropped, a close on one side does not reach the
  // other (half-open sockets), new connections are accepted but get no answer until heal()
  partition(): void;
  // ends the partition: bytes flow again on the surviving sockets (those whose stream lost bytes stay broken, as after
  // a real partition long enough for TCP to give up on them), a socket whose peer closed meanwhile is reset on its next
  // write, and connections accepted during the partition are connected upstream
  heal(): void;
  // destroys the open sockets only (a network blip; new connections succeed)
  resetConnections(): void;
  // extra delay added to every chunk from the database to the server (one way, so the round trip grows by `ms`)
  setLatency(ms: number): void;
  // packet loss as TCP shows it to applications: a lost segment is retransmitted, so the chunk arrives `rtoMs` late
  // (Linux's minimum retransmission timeout is 200 ms); order is kept
  setLoss(ratio: number, rtoMs?: number): void;
  readonly isCut: boolean;
  // connections whose client side is open (what the servers' pools hold; not the server-side halves a partition orphaned)
  readonly connections: number;
  // the most such connections at once since the last call (reset by reading)
  takePeakConnections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(target: { host: string; port: number }, opts: { port?: number; random?: () => number } = {}): Promise<TcpProxy> {
  const random = opts.random ?? Math.random;
  const pairs = new Set<Pair>();
  let latency = 0;
  let loss = 0;
  let rto = 200;
  let cut = false;
  let partitioned = false;
  let peak = 0;
  let server: Server;

  // delivery in order per direction: a delayed chunk also holds back the chunks behind it
  const relay = (pair: Pair, from: Socket, to: () => Socket | undefined, delayed: boolean) => {
    let lastAt = 0;
    from.on('data', (chunk) => {
      if (partitioned) return; // dropped
      const dest = to();
      if (!dest || dest.destroyed) {
        // the other side is gone: like a TCP reset on the next write
        from.destroy();
        return;
      }
      const extra = (delayed ? latency : 0) + (loss > 0 && random() < loss ? rto : 0);
      if (extra === 0 && lastAt <= performance.now()) {
        dest.write(chunk);
        return;
      }
      const at = Math.max(performance.now() + extra, lastAt);
      lastAt = at;
      setTimeout(() => dest.destroyed || dest.write(chunk), at - performance.now());
    });
    from.on('close', () => {
      if (partitioned) return; // the FIN/RST is lost with everything else
      to()?.destroy();
      pairs.delete(pair);
    });
  };

  const linkUp = (pair: Pair) => {
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => undefined);
    relay(pair, upstream, () => pair.client, true);
  };

  const liveClients = () => {
    let n = 0;
    for (const p of pairs) if (!p.client.destroyed) n++;
    return n;
  };

  const onConnection = (client: Socket) => {
    if (cut) {
      client.destroy();
      return;
    }
    const pair: Pair = { client };
    pairs.add(pair);
    peak = Math.max(peak, liveClients());
    client.setNoDelay(true);
    client.on('error', () => undefined);
    relay(pair, client, () => pair.upstream, false);
    if (!partitioned) linkUp(pair);
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
    for (const p of pairs) {
      p.client.destroy();
      p.upstream?.destroy();
    }
    pairs.clear();
  };

  const port = await listen(opts.port ?? 0);
  return {
    port,
    get isCut() {
      return cut;
    },
    get connections() {
      return liveClients();
    },
    takePeakConnections() {
      const p = peak;
      peak = liveClients();
      return p;
    },
    async cut() {
      cut = true;
      partitioned = false;
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
    partition() {
      partitioned = true;
    },
    heal() {
      partitioned = false;
      for (const p of [...pairs]) {
        if (p.client.destroyed && (!p.upstream || p.upstream.destroyed)) pairs.delete(p);
        else if (!p.upstream && !p.client.destroyed) linkUp(p);
        // a server half whose client left during the partition stays open: the server never learnt of it and keeps
        // the session (and any open transaction) until its own timeouts end it
      }
    },
    resetConnections: destroyAll,
    setLatency(ms: number) {
      latency = ms;
    },
    setLoss(ratio: number, rtoMs = 200) {
      loss = ratio;
      rto = rtoMs;
    },
    async close() {
      cut = true;
      partitioned = false;
      const closed = closeListener();
      destroyAll();
      await closed;
    },
  };
}
