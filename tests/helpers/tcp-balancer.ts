import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP load balancer on loopback in front of several backends (the agency's nodes). */
export interface TcpBalancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * What a layer-4 load balancer does in front of an agency cluster, in a few lines: each new connection goes to the
 * next backend in turn; a backend that refuses the connection (a node that died) is skipped, as a balancer's health
 * check would. Open connections are piped as they are, so a node's death drops them and clients reconnect.
 */
export async function startTcpBalancer(backendPorts: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const open = new Set<Socket>();
  const connect = (client: Socket, tried: number) => {
    if (tried >= backendPorts.length) return void client.destroy();
    const port = backendPorts[next++ % backendPorts.length]!;
    const upstream = createConnection({ host: '127.0.0.1', port });
    let isConnected = false;
    upstream.once('error', () => (isConnected ? client.destroy() : connect(client, tried + 1)));
    upstream.once('connect', () => {
      isConnected = true;
      open.add(upstream);
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => open.delete(upstream));
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    connect(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
