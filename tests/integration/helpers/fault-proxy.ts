import net from 'node:net';

// A TCP proxy between the client and a real server that, when the client's bytes match `trigger`,
// runs `action` (e.g. stops the real Cyrus) and drops the connection instead of forwarding them: a
// failure at an exact point of a conversation, with the real daemon going away (the command never
// reaches it, however long a busy server process takes to die).

export interface FaultProxy {
  port: number;
  /** how many times the trigger fired */
  fired: () => number;
  close: () => Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }, trigger: RegExp, action: () => Promise<void>): Promise<FaultProxy> {
  let fired = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let chain = Promise.resolve();
    client.on('data', (chunk) => {
      chain = chain.then(async () => {
        if (trigger.test(chunk.toString('latin1'))) {
          fired++;
          await action();
          client.destroy();
          upstream.destroy();
          return;
        }
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    fired: () => fired,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
