/**
 * A hand-rolled WebSocket server for tests (127.0.0.1, port 0): answers the upgrade, then, once it
 * has read `limitBytes` of frames, sends close 1009 "message too big" and stops reading, so the
 * client's socket stays up behind its own unsent data. `stop()` destroys everything.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';

export async function startLimitServer(limitBytes: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let head = Buffer.alloc(0);
    let upgraded = false;
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      if (!upgraded) {
        head = Buffer.concat([head, chunk]);
        const endOfHeaders = head.indexOf('\r\n\r\n');
        if (endOfHeaders < 0) return;
        const key = /sec-websocket-key: *(\S+)/i.exec(head.subarray(0, endOfHeaders).toString())?.[1] ?? '';
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        upgraded = true;
        received = head.length - endOfHeaders - 4;
        return;
      }
      received += chunk.length;
      if (received >= limitBytes) {
        const payload = Buffer.concat([Buffer.from([0x03, 0xf1]), Buffer.from('message too big')]); // 1009
        socket.write(Buffer.concat([Buffer.from([0x88, payload.length]), payload]));
        socket.pause(); // read nothing more
        socket.removeAllListeners('data');
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const stop = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { port: (server.address() as net.AddressInfo).port, stop };
}
